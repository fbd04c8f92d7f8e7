import * as React from "react";

import { cn } from "../lib/utils";

/** Placeholder shape while content loads. Mark the loading region itself with aria-busy. */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-foreground/10", className)} {...props} />;
}

export { Skeleton };
