import * as React from "react";

import { cn } from "../lib/utils";
import { Label } from "./label";

/** Props FormField wires onto its control. Spread them onto the focusable element. */
export interface FormFieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

type ControlElementProps = Pick<React.AriaAttributes, "aria-describedby" | "aria-invalid" | "aria-required"> & {
  id?: string;
};

export interface FormFieldProps extends Omit<React.ComponentProps<"div">, "children"> {
  label: React.ReactNode;
  /** Help text below the control, linked with aria-describedby. */
  description?: React.ReactNode;
  /** Validation message. When set, the control gets aria-invalid and the message is linked to it. */
  error?: React.ReactNode;
  /** Marks the control aria-required and shows a "required" marker next to the label. */
  required?: boolean;
  /** Visually hide the label (it stays available to screen readers). */
  hideLabel?: boolean;
  /**
   * Either a single control element (Input, Textarea, SelectTrigger…; its own `id` is kept if set),
   * or a render function receiving the props to spread onto the focusable element of a composite
   * control, e.g. `{(p) => <Select><SelectTrigger {...p}>…</SelectTrigger></Select>}`.
   */
  children: React.ReactElement<ControlElementProps> | ((control: FormFieldControlProps) => React.ReactNode);
}

function joinIds(...ids: (string | undefined | false)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/**
 * Label + control + description + error with the accessibility wiring done for you:
 * `<label for>`, `aria-describedby` (description and error), `aria-invalid` and `aria-required`.
 *
 *   <FormField label="Email" description="We never share it." error={errors.email}>
 *     <Input type="email" name="email" />
 *   </FormField>
 */
function FormField({
  label,
  description,
  error,
  required = false,
  hideLabel = false,
  id,
  className,
  children,
  ...props
}: FormFieldProps) {
  const generatedId = React.useId();
  const childProps = typeof children === "function" ? undefined : children.props;
  const controlId = childProps?.id ?? id ?? `${generatedId}-control`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const errorId = hasError ? `${controlId}-error` : undefined;

  const controlProps: FormFieldControlProps = {
    id: controlId,
    "aria-describedby": joinIds(childProps?.["aria-describedby"], descriptionId, errorId),
    ...(hasError ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  const control =
    typeof children === "function" ? children(controlProps) : React.cloneElement(children, controlProps);

  return (
    <div
      data-slot="form-field"
      data-invalid={hasError || undefined}
      className={cn("grid gap-2", className)}
      {...props}
    >
      <Label htmlFor={controlId} className={cn(hasError && "text-destructive", hideLabel && "sr-only")}>
        {label}
        {required ? (
          <span aria-hidden className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {control}
      {description ? (
        <p id={descriptionId} data-slot="form-field-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} data-slot="form-field-error" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { FormField };
