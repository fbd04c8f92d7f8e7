/** Text only the database or the ORM would write: none of it may reach a caller. */
export const DATA_LAYER_TEXT = /prisma|postgres|invocation|sqlstate|byte sequence|0x00|index row|database|driveradapter|P20\d\d/i;

export type Path = (string | number)[];

/** Every string in a valid input, with where it is (a FormData file counts by its name). */
export function stringLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === "string") return [path];
  if (value instanceof FormData) {
    return [...value.entries()].map(([key, entry]) => (typeof entry === "string" ? [...path, key] : [...path, key, "name"]));
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, entry]) => stringLeaves(entry, [...path, key]));
  }
  return [];
}

/** A copy of `value` with the string at `path` changed by `change`. */
export function withLeaf(value: unknown, path: Path, change: (text: string) => string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value as string);
  if (value instanceof FormData) {
    const copy = new FormData();
    for (const [key, entry] of value.entries()) {
      if (key !== head) copy.append(key, entry);
      else if (typeof entry === "string") copy.append(key, change(entry));
      else copy.append(key, new File([entry], change(entry.name), { type: entry.type }));
    }
    return copy;
  }
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? withLeaf(item, rest, change) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: withLeaf(record[head], rest, change) };
}

