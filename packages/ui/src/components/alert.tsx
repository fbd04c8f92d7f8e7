import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlertIcon, CircleCheckIcon, InfoIcon, TriangleAlertIcon } from "lucide-react";

import { cn } from "../lib/utils";

const alertVariants = cva(
  "relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-lg border px-4 py-3 text-sm text-foreground has-[>svg]:grid-cols-[calc(var(--spacing)*4)_1fr] has-[>svg]:gap-x-3 [&>svg]:size-4 [&>svg]:translate-y-0.5",
  {
    variants: {
      variant: {
        default: "bg-card [&>svg]:text-muted-foreground",
        info: "border-primary/30 bg-primary/5 [&>svg]:text-primary",
        success: "border-success/40 bg-success/5 [&>svg]:text-success",
        warning: "border-warning/50 bg-warning/10 [&>svg]:text-warning",
        destructive: "border-destructive/50 bg-destructive/5 [&>svg]:text-destructive *:data-[slot=alert-description]:text-destructive",
      },
    },
    defaultVariants: {
      variant: "default",
    },
  },
);

type AlertVariant = NonNullable<VariantProps<typeof alertVariants>["variant"]>;

const defaultIcons: Record<AlertVariant, React.ReactNode> = {
  default: <InfoIcon aria-hidden />,
  info: <InfoIcon aria-hidden />,
  success: <CircleCheckIcon aria-hidden />,
  warning: <TriangleAlertIcon aria-hidden />,
  destructive: <CircleAlertIcon aria-hidden />,
};

export interface AlertProps extends React.ComponentProps<"div">, VariantProps<typeof alertVariants> {
  /** Leading icon. Defaults to one matching the variant; pass `false` for none. */
  icon?: React.ReactNode;
}

/**
 * Inline message: errors (`destructive`, announced immediately via role="alert"), notices such as
 * "upgrade required" (`warning` / `info`, role="status"), confirmations (`success`).
 */
function Alert({ className, variant, icon, role, children, ...props }: AlertProps) {
  const v: AlertVariant = variant ?? "default";
  const leading = icon === undefined ? defaultIcons[v] : icon;
  return (
    <div
      data-slot="alert"
      data-variant={v}
      role={role ?? (v === "destructive" ? "alert" : "status")}
      className={cn(alertVariants({ variant }), className)}
      {...props}
    >
      {leading || null}
      {children}
    </div>
  );
}

function AlertTitle({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div data-slot="alert-title" className={cn("col-start-2 min-h-4 font-medium tracking-tight", className)} {...props} />
  );
}

function AlertDescription({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="alert-description"
      className={cn("col-start-2 grid justify-items-start gap-1 text-sm text-muted-foreground [&_p]:leading-relaxed", className)}
      {...props}
    />
  );
}

/** Buttons / links under the description, e.g. "Upgrade to Professional". */
function AlertActions({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="alert-actions" className={cn("col-start-2 mt-2 flex flex-wrap items-center gap-2", className)} {...props} />;
}

export { Alert, AlertTitle, AlertDescription, AlertActions, alertVariants };
