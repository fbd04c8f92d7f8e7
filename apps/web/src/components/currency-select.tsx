"use client";

import type { FormFieldControlProps } from "@mg/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";

/** The currencies offered for budgets, deal amounts and pipelines. */
export const CURRENCIES = ["USD", "EUR", "GBP", "AUD", "CAD", "NZD", "INR", "JPY", "CHF", "SEK", "NOK", "DKK", "SGD", "BRL", "MXN", "ZAR"] as const;

/**
 * A currency picker for a FormField's render function (`{(control) => <CurrencySelect {...control} … />}`).
 * A saved value outside the list (set through the API) is offered first, so opening the form never
 * changes it silently.
 */
export function CurrencySelect({ value, onValueChange, ...control }: FormFieldControlProps & { value: string; onValueChange: (currency: string) => void }) {
  const currencies: readonly string[] = (CURRENCIES as readonly string[]).includes(value) ? CURRENCIES : [value, ...CURRENCIES];
  return (
    <Select value={value} onValueChange={onValueChange}>
      <SelectTrigger {...control} className="w-full">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {currencies.map((c) => (
          <SelectItem key={c} value={c}>
            {c}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
