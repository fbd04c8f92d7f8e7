"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Textarea } from "@mg/ui/textarea";

export interface CloseRequest {
  dealName: string;
  outcome: "WON" | "LOST";
}

/** Won or lost, confirmed; a lost deal can say why (kept on the deal and its timeline). */
export function CloseDealDialog({ request, busy, onConfirm, onCancel }: { request: CloseRequest | null; busy: boolean; onConfirm: (reason: string | null) => void; onCancel: () => void }) {
  return (
    <Dialog open={request !== null} onOpenChange={(open) => !open && !busy && onCancel()}>
      <DialogContent className="sm:max-w-md" data-testid="close-deal-dialog">
        {request ? <CloseForm key={`${request.dealName}-${request.outcome}`} request={request} busy={busy} onConfirm={onConfirm} onCancel={onCancel} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CloseForm({ request, busy, onConfirm, onCancel }: { request: CloseRequest; busy: boolean; onConfirm: (reason: string | null) => void; onCancel: () => void }) {
  const [reason, setReason] = useState("");
  const lost = request.outcome === "LOST";
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm(lost ? reason.trim() || null : null);
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{lost ? `Mark “${request.dealName}” as lost` : `Mark “${request.dealName}” as won`}</DialogTitle>
        <DialogDescription>{lost ? "It leaves the open pipeline and the forecast. You can reopen it later." : "It counts as won this month. You can reopen it later."}</DialogDescription>
      </DialogHeader>
      {lost ? (
        <FormField label="Why was it lost?" description="Optional. Helps spot patterns later.">
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} placeholder="Chose a cheaper supplier" autoFocus />
        </FormField>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" loading={busy} variant={lost ? "destructive" : "default"}>
          {lost ? "Mark as lost" : "Mark as won"}
        </Button>
      </DialogFooter>
    </form>
  );
}
