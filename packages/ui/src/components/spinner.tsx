import * as React from "react";
import { Loader2Icon } from "lucide-react";

import { cn } from "../lib/utils";

export interface SpinnerProps extends Omit<React.ComponentProps<"svg">, "children"> {
  /**
   * Accessible name announced by screen readers. Pass `""` when the spinner is decorative
   * (e.g. inside a button that already sets `aria-busy`).
   */
  label?: string;
}

function Spinner({ className, label = "Loading", ...props }: SpinnerProps) {
  const a11y = label ? { role: "status", "aria-label": label } : { "aria-hidden": true as const };
  return (
    <Loader2Icon data-slot="spinner" className={cn("size-4 animate-spin", className)} {...a11y} {...props} />
  );
}

export { Spinner };
