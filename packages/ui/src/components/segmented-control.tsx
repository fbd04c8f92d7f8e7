"use client";

import * as React from "react";

import { cn } from "../lib/utils";

/**
 * A choice between a few views of the same content (month / week / list; one chart metric or
 * another). Not tabs: there is one panel whose content changes, so each option is a toggle button
 * (`aria-pressed`) in a labelled group — no `aria-controls` pointing at panels that do not exist.
 */
export interface SegmentedOption<V extends string> {
  value: V;
  label: React.ReactNode;
}

export function SegmentedControl<V extends string>({
  value,
  onValueChange,
  options,
  label,
  className,
  optionClassName,
}: {
  value: V;
  onValueChange: (value: V) => void;
  options: readonly SegmentedOption<V>[];
  /** What is being chosen ("Calendar view"), for assistive technology. */
  label: string;
  className?: string;
  optionClassName?: string;
}) {
  return (
    <div role="group" aria-label={label} data-slot="segmented-control" className={cn("inline-flex h-9 w-fit max-w-full items-center overflow-x-auto rounded-lg bg-muted p-[3px] text-muted-foreground", className)}>
      {options.map((option) => {
        const active = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={active}
            data-state={active ? "active" : "inactive"}
            onClick={() => onValueChange(option.value)}
            className={cn(
              "inline-flex h-[calc(100%-1px)] shrink-0 items-center justify-center gap-1.5 rounded-md border border-transparent px-2 py-1 text-sm font-medium whitespace-nowrap transition-[color,box-shadow]",
              "hover:text-foreground data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm",
              "outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
              "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
              optionClassName,
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
