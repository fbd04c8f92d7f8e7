import type { DestinationStream } from "pino";

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
/** Fields every line carries in JSON that a person reading a terminal does not need. */
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "err"]);

function formatValue(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One readable line per entry for development (`LOG_FORMAT=pretty`), without pino-pretty's worker
 * thread, which bundlers such as Next's cannot follow: `12:00:01.123 ERROR message key=value`,
 * then the error's stack (with its causes) indented underneath.
 */
export function prettyLines(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  let out = [time, level.padEnd(5), String(entry.msg ?? ""), ...fields].filter(Boolean).join(" ");
  const err = entry.err as { stack?: unknown; message?: unknown } | undefined;
  if (err) {
    const stack = typeof err.stack === "string" ? err.stack : String(err.message ?? "");
    out += `\n${stack.replace(/^/gm, "    ")}`;
  }
  return `${out}\n`;
}

export function prettyDestination(target: { write(chunk: string): unknown }): DestinationStream {
  return { write: (line: string) => void target.write(prettyLines(line)) };
}
