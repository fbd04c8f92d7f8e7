"use client";

import { Fragment, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { CheckIcon, ChevronsUpDownIcon, XIcon } from "lucide-react";
import { cn } from "@mg/ui/lib/utils";

export interface ComboboxOption {
  value: string;
  label: string;
  /** Secondary text on the right (e.g. a UTC offset). */
  hint?: string;
  /** Extra words that match a search (e.g. a country's code). */
  keywords?: string;
}

export interface ComboboxProps {
  id?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  options: ComboboxOption[];
  placeholder?: string;
  emptyText?: string;
  disabled?: boolean;
  /** Offer a button that clears the value (for optional fields). */
  clearable?: boolean;
  className?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-required"?: boolean | "true" | "false";
  "data-testid"?: string;
}

const MAX_RESULTS = 200;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[_/\s-]+/g, " ").trim();
}

/**
 * The first MAX_RESULTS matches, in order — with the selected option always among them: when it
 * matches but falls past the cut, it takes the last place (after a gap marker), so opening the list
 * highlights the current value instead of whatever sits at its index in the full list.
 */
function visibleOptions(matches: ComboboxOption[], selected: ComboboxOption | null): { shown: ComboboxOption[]; gapBefore: number | null } {
  if (matches.length <= MAX_RESULTS) return { shown: matches, gapBefore: null };
  const head = matches.slice(0, MAX_RESULTS);
  if (!selected || head.includes(selected) || !matches.includes(selected)) return { shown: head, gapBefore: null };
  return { shown: [...head.slice(0, MAX_RESULTS - 1), selected], gapBefore: MAX_RESULTS - 1 };
}

/**
 * A searchable single-select (WAI-ARIA combobox with a listbox popup): type to filter, arrows to
 * move, Enter to choose, Escape to cancel. Used for time zones and countries.
 */
export function Combobox({ id, value, onChange, options, placeholder = "Select…", emptyText = "No matches", disabled, clearable, className, ...aria }: ComboboxProps) {
  const autoId = useId();
  const inputId = id ?? `${autoId}-input`;
  const listId = `${autoId}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  /** Index into `shown` of the highlighted option; -1 for none. */
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const selected = useMemo(() => options.find((o) => o.value === value) ?? null, [options, value]);
  const filtered = useMemo(() => {
    const q = normalise(query);
    if (!q) return options;
    const words = q.split(" ");
    return options.filter((o) => {
      const hay = normalise(`${o.label} ${o.value} ${o.hint ?? ""} ${o.keywords ?? ""}`);
      return words.every((w) => hay.includes(w));
    });
  }, [options, query]);
  const { shown, gapBefore } = useMemo(() => visibleOptions(filtered, selected), [filtered, selected]);

  useEffect(() => {
    if (!open) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  function openList() {
    if (disabled) return;
    setQuery("");
    // The list about to open is the unfiltered one: highlight the selected option's place in it.
    setActive(selected ? visibleOptions(options, selected).shown.indexOf(selected) : -1);
    setOpen(true);
  }

  function choose(option: ComboboxOption | undefined) {
    if (!option) return;
    onChange(option.value);
    setOpen(false);
    setQuery("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) return openList();
      setActive((i) => Math.min(i + 1, shown.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Home" && open) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End" && open) {
      event.preventDefault();
      setActive(shown.length - 1);
    } else if (event.key === "Enter") {
      if (open) {
        event.preventDefault();
        choose(shown[active]);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setQuery("");
      }
    } else if (event.key === "Tab") {
      setOpen(false);
      setQuery("");
    }
  }

  const activeOption = open ? shown[active] : undefined;

  return (
    <div className={cn("relative", className)}>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        disabled={disabled}
        placeholder={selected ? selected.label : placeholder}
        value={open ? query : (selected?.label ?? "")}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (!open) setOpen(true);
        }}
        onFocus={openList}
        onClick={() => !open && openList()}
        onBlur={() => {
          setOpen(false);
          setQuery("");
        }}
        onKeyDown={onKeyDown}
        className={cn(
          "flex h-9 w-full min-w-0 rounded-md border border-input bg-background py-1 pr-16 pl-3 text-base shadow-xs transition-[color,box-shadow] outline-none md:text-sm",
          "placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
          "aria-invalid:border-destructive aria-invalid:ring-destructive/20 disabled:cursor-not-allowed disabled:opacity-50",
          open && selected && "placeholder:text-foreground/60",
        )}
        {...aria}
      />
      <div className="pointer-events-none absolute inset-y-0 right-2 flex items-center gap-1 text-muted-foreground">
        {clearable && value && !disabled ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label="Clear"
            className="pointer-events-auto rounded p-0.5 hover:bg-accent hover:text-foreground"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChange(null)}
          >
            <XIcon className="size-3.5" aria-hidden />
          </button>
        ) : null}
        <ChevronsUpDownIcon className="size-4 opacity-60" aria-hidden />
      </div>
      {open ? (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Options"
          onMouseDown={(e) => e.preventDefault()}
          className="absolute z-50 mt-1 max-h-64 w-full overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md animate-in fade-in-0 zoom-in-95"
        >
          {shown.length === 0 ? <li className="px-2 py-6 text-center text-sm text-muted-foreground">{emptyText}</li> : null}
          {shown.map((option, index) => (
            <Fragment key={option.value}>
              {index === gapBefore ? (
                <li role="presentation" aria-hidden className="px-2 py-0.5 text-center text-xs text-muted-foreground select-none">
                  …
                </li>
              ) : null}
              <li
                id={`${listId}-${index}`}
                data-index={index}
                role="option"
                aria-selected={option.value === value}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(option)}
                className={cn(
                  "flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm select-none",
                  index === active && "bg-accent text-accent-foreground",
                )}
              >
                <CheckIcon className={cn("size-4 shrink-0", option.value === value ? "opacity-100" : "opacity-0")} aria-hidden />
                <span className="truncate">{option.label}</span>
                {option.hint ? <span className="ml-auto shrink-0 text-xs text-muted-foreground tabular-nums">{option.hint}</span> : null}
              </li>
            </Fragment>
          ))}
          {filtered.length > MAX_RESULTS ? (
            <li className="px-2 py-1.5 text-xs text-muted-foreground">Keep typing to narrow {filtered.length} results…</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
