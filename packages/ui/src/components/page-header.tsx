import * as React from "react";

import { cn } from "../lib/utils";

export interface PageHeaderProps extends Omit<React.ComponentProps<"div">, "title"> {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons on the right (stacked below on small screens). */
  actions?: React.ReactNode;
  /** Small line above the title, e.g. breadcrumbs or a client name. */
  eyebrow?: React.ReactNode;
  /** Heading level; the page title is normally the only h1. */
  titleAs?: "h1" | "h2";
}

function PageHeader({
  title,
  description,
  actions,
  eyebrow,
  titleAs: Title = "h1",
  className,
  children,
  ...props
}: PageHeaderProps) {
  return (
    <div
      data-slot="page-header"
      className={cn("flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between", className)}
      {...props}
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        {eyebrow ? (
          <div data-slot="page-header-eyebrow" className="text-sm text-muted-foreground">
            {eyebrow}
          </div>
        ) : null}
        <Title data-slot="page-header-title" className="text-2xl font-semibold tracking-tight text-balance">
          {title}
        </Title>
        {description ? (
          <p data-slot="page-header-description" className="max-w-prose text-sm text-muted-foreground">
            {description}
          </p>
        ) : null}
        {children}
      </div>
      {actions ? (
        <div data-slot="page-header-actions" className="flex shrink-0 flex-wrap items-center gap-2">
          {actions}
        </div>
      ) : null}
    </div>
  );
}

export { PageHeader };
