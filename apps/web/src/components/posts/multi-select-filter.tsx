"use client";

import type { ReactNode } from "react";
import { ChevronDownIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";

export interface FilterOption {
  value: string;
  label: string;
  icon?: ReactNode;
}

/** A filter button with a checklist; stays open while ticking several options. */
export function MultiSelectFilter({
  label,
  options,
  selected,
  onChange,
  emptyText = "Nothing to filter by yet.",
}: {
  label: string;
  options: FilterOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  emptyText?: string;
}) {
  const chosen = new Set(selected);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" aria-label={chosen.size ? `${label}: ${chosen.size} selected` : label}>
          {label}
          {chosen.size ? (
            <Badge variant="secondary" className="px-1.5 py-0">
              {chosen.size}
            </Badge>
          ) : null}
          <ChevronDownIcon aria-hidden className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel className="text-xs text-muted-foreground">{label}</DropdownMenuLabel>
        {options.length === 0 ? <p className="px-2 py-1.5 text-sm text-muted-foreground">{emptyText}</p> : null}
        {options.map((option) => (
          <DropdownMenuCheckboxItem
            key={option.value}
            checked={chosen.has(option.value)}
            onSelect={(event) => event.preventDefault()}
            onCheckedChange={(checked) => onChange(checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))}
          >
            <span className="flex min-w-0 items-center gap-2">
              {option.icon}
              <span className="truncate">{option.label}</span>
            </span>
          </DropdownMenuCheckboxItem>
        ))}
        {chosen.size ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onChange([])}>Clear {label.toLowerCase()}</DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
