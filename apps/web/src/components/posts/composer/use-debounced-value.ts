"use client";

import { useEffect, useState } from "react";
import { createDebouncer } from "./text-limits";

/** `value` as it was `ms` after it last changed: for work too heavy to redo on every keystroke. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const [debouncer] = useState(() => createDebouncer<T>(ms, setSettled));
  useEffect(() => {
    debouncer.push(value);
  }, [debouncer, value]);
  useEffect(() => () => debouncer.cancel(), [debouncer]);
  return settled;
}
