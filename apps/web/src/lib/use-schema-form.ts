"use client";

import { useCallback, useState } from "react";
import type { z } from "zod";
import { apiError, zodFieldErrors, type ApiErrorInfo, type FieldErrors } from "./errors";

/**
 * One form's validate → call → report cycle, with the same zod schema the procedure's `.input()`
 * uses: field errors from the schema before sending, then field errors, a summary and any upgrade
 * offer from the API's answer.
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, options: { conflictField?: string } = {}) {
  const { conflictField } = options;
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);

  const reset = useCallback(() => {
    setFieldErrors({});
    setFailure(null);
  }, []);

  /** Resolves true when the values were valid and `action` succeeded. */
  const submit = useCallback(
    async (values: unknown, action: (data: z.output<S>) => Promise<void>): Promise<boolean> => {
      // A new attempt: nothing from the last one (a server failure included) stays on screen.
      reset();
      const parsed = schema.safeParse(values);
      if (!parsed.success) {
        setFieldErrors(zodFieldErrors(parsed.error.issues));
        return false;
      }
      try {
        await action(parsed.data);
        return true;
      } catch (error) {
        const info = apiError(error);
        // "Already taken" belongs next to the field that is taken, not in a banner.
        if (conflictField && info.code === "CONFLICT") {
          setFieldErrors({ [conflictField]: info.message });
          setFailure(null);
        } else {
          setFieldErrors(info.fieldErrors);
          setFailure(info);
        }
        return false;
      }
    },
    [schema, reset, conflictField],
  );

  return { fieldErrors, failure, submit, reset };
}
