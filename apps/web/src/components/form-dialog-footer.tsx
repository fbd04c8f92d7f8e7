"use client";

import type { ReactNode } from "react";
import { Button } from "@mg/ui/button";
import { DialogFooter } from "@mg/ui/dialog";

/**
 * The footer of a dialog's form: Cancel (never submits) and the submit button, busy while the
 * save runs. It sits inside the <form>, so Enter in any field submits.
 */
export function FormDialogFooter({ onCancel, busy, submitLabel }: { onCancel: () => void; busy: boolean; submitLabel: ReactNode }) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
