/**
 * Keeping the composer responsive whatever is pasted into it (a 1 MB paste once froze the tab for
 * 48 s): text fields are capped a little above the longest post any network takes, and the live
 * checks run on a debounced copy of the draft instead of on every keystroke. Pure, so the rules
 * are unit-tested (apps/web/test/composer-text-limits.test.ts).
 */

/** Until the networks are known (or if none is), the cap is the longest post the product takes. */
export const FALLBACK_TEXT_CAP = 10_000;

/** How long the live network checks wait after the last keystroke. */
export const CHECK_DEBOUNCE_MS = 250;

/**
 * The most text a field keeps: the longest limit of any network of this installation, plus a
 * margin (10 %, at least 500 characters) so that text a little too long can still be trimmed in
 * place while the counters say by how much. Every network, not only the chosen ones, so choosing
 * or removing an account never cuts what was written.
 */
export function textCapFor(networks: readonly { rules: { maxTextLength: number } }[]): number {
  const longest = Math.max(0, ...networks.map((n) => n.rules.maxTextLength));
  if (longest === 0) return FALLBACK_TEXT_CAP;
  return longest + Math.max(500, Math.ceil(longest / 10));
}

/** Code points, as the networks and the counters count; without building an array of a huge string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    n += 1;
  }
  return n;
}

export interface CappedText {
  text: string;
  /** Code points left out; 0 when the text fit. */
  removed: number;
}

/** The first `cap` code points of `text` (a surrogate pair is never split), and how many were left out. */
export function capText(text: string, cap: number): CappedText {
  // UTF-16 length is at least the code-point count: a text this short fits without counting.
  if (text.length <= cap) return { text, removed: 0 };
  let kept = 0;
  let end = 0;
  while (end < text.length && kept < cap) {
    const unit = text.charCodeAt(end);
    const pair = unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length && text.charCodeAt(end + 1) >= 0xdc00 && text.charCodeAt(end + 1) <= 0xdfff;
    end += pair ? 2 : 1;
    kept += 1;
  }
  if (end >= text.length) return { text, removed: 0 };
  return { text: text.slice(0, end), removed: codePointLength(text.slice(end)) };
}

/** What the field says after cutting: how much, where the limit comes from, what to do. */
export function capMessage(removed: number, cap: number): string {
  return `Only the first ${cap.toLocaleString("en-US")} characters were kept — no network takes a longer post. ${removed.toLocaleString("en-US")} ${removed === 1 ? "character was" : "characters were"} left out.`;
}

export interface Debouncer<T> {
  /** Remember `value`; `onSettle` gets the latest one `ms` after the last call. */
  push(value: T): void;
  /** Deliver the pending value now (if any). */
  flush(): void;
  cancel(): void;
}

/** A trailing debounce: a burst of calls delivers only its last value, once the burst is over. */
export function createDebouncer<T>(ms: number, onSettle: (value: T) => void): Debouncer<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | null = null;
  const deliver = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    onSettle(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(deliver, ms);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      deliver();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = null;
    },
  };
}
