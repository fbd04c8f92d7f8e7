"use client";

import { useState, type KeyboardEvent } from "react";
import { TagIcon, XIcon } from "lucide-react";
import { Input } from "@mg/ui/input";

const MAX_LABELS = 20;
const MAX_LENGTH = 40;

/** Labels as removable chips; Enter or a comma adds what was typed, Backspace on empty removes the last. */
export function LabelsInput({ id, value, onChange, disabled, suggestions = [] }: { id: string; value: readonly string[]; onChange: (labels: string[]) => void; disabled?: boolean; suggestions?: readonly string[] }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  function add(raw: string) {
    const label = raw.trim().replace(/,+$/, "");
    if (!label) return;
    if (label.length > MAX_LENGTH) return setError(`Labels are up to ${MAX_LENGTH} characters.`);
    if (value.length >= MAX_LABELS) return setError(`Up to ${MAX_LABELS} labels per post.`);
    setError(null);
    if (!value.some((l) => l.toLowerCase() === label.toLowerCase())) onChange([...value, label]);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const unused = suggestions.filter((s) => !value.includes(s)).slice(0, 8);
  return (
    <div className="grid gap-2">
      {value.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Labels">
          {value.map((label) => (
            <li key={label} className="inline-flex items-center gap-1 rounded-full bg-secondary py-0.5 pr-1 pl-2.5 text-xs text-secondary-foreground">
              <TagIcon className="size-3" aria-hidden />
              {label}
              {disabled ? null : (
                <button type="button" className="rounded-full p-0.5 outline-none hover:bg-background/60 focus-visible:ring-2 focus-visible:ring-ring" aria-label={`Remove label ${label}`} onClick={() => onChange(value.filter((l) => l !== label))}>
                  <XIcon className="size-3" aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <Input
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
        placeholder="Add a label and press Enter"
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {unused.length && !disabled ? (
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
          Used before:
          {unused.map((s) => (
            <button key={s} type="button" className="rounded-full border px-2 py-0.5 hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" onClick={() => onChange([...value, s])}>
              {s}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
