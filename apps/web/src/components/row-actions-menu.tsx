"use client";

import type { ReactNode } from "react";
import { MoreHorizontalIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";

/**
 * The "⋯" menu of one row or card. The trigger is named after the record ("Actions for Spring
 * launch"), so screen reader users (and tests) can tell the menus of a list apart.
 */
export function RowActionsMenu({ name, triggerClassName, children }: { name: string; triggerClassName?: string; children: ReactNode }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" className={triggerClassName} aria-label={`Actions for ${name}`}>
          <MoreHorizontalIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">{children}</DropdownMenuContent>
    </DropdownMenu>
  );
}
