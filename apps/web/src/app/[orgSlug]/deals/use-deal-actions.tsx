"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { CloseRequest } from "./close-dialog";

export interface MoveRequest {
  dealId: string;
  dealName: string;
  stageId: string;
  stageName: string;
  stageKind: "OPEN" | "WON" | "LOST";
  afterDealId: string | null;
  beforeDealId: string | null;
}

/**
 * Moves, won/lost, reopen and delete (with undo) for the board, the list and the deal page. A
 * move into the lost stage first asks for the reason (the close dialog); the API decides the rest.
 */
export function useDealActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const move = useMutation(trpc.deals.move.mutationOptions());
  const close = useMutation(trpc.deals.close.mutationOptions());
  const reopen = useMutation(trpc.deals.reopen.mutationOptions());
  const remove = useMutation(trpc.deals.delete.mutationOptions());
  const restore = useMutation(trpc.deals.restore.mutationOptions());
  const [closing, setClosing] = useState<(CloseRequest & { dealId: string; move?: MoveRequest }) | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() })]);

  async function run(work: () => Promise<unknown>, success?: string, undo?: () => Promise<unknown>) {
    try {
      await work();
      if (success) toast.success(success, undo ? { action: { label: "Undo", onClick: () => void run(undo, "Undone") } } : undefined);
    } catch (error) {
      toast.error(apiError(error).message);
    } finally {
      await refresh();
    }
  }

  function moveDeal(request: MoveRequest) {
    if (request.stageKind === "LOST") {
      setClosing({ dealId: request.dealId, dealName: request.dealName, outcome: "LOST", move: request });
      return Promise.resolve();
    }
    return run(
      () => move.mutateAsync({ dealId: request.dealId, stageId: request.stageId, afterDealId: request.afterDealId, beforeDealId: request.beforeDealId }),
      request.stageKind === "WON" ? `“${request.dealName}” won` : undefined,
    );
  }

  return {
    moveDeal,
    askClose: (deal: { id: string; name: string }, outcome: "WON" | "LOST") => setClosing({ dealId: deal.id, dealName: deal.name, outcome }),
    closing,
    closeBusy: close.isPending || move.isPending,
    cancelClose: () => setClosing(null),
    async confirmClose(reason: string | null) {
      const request = closing;
      if (!request) return;
      await run(() =>
        request.move
          ? move.mutateAsync({ dealId: request.dealId, stageId: request.move.stageId, afterDealId: request.move.afterDealId, beforeDealId: request.move.beforeDealId, lostReason: reason })
          : close.mutateAsync({ dealId: request.dealId, outcome: request.outcome, lostReason: reason }),
        request.outcome === "WON" ? `“${request.dealName}” won` : `“${request.dealName}” marked as lost`,
        () => reopen.mutateAsync({ dealId: request.dealId }),
      );
      setClosing(null);
    },
    reopenDeal: (deal: { id: string; name: string }) => run(() => reopen.mutateAsync({ dealId: deal.id }), `Reopened “${deal.name}”`),
    deleteDeal: (deal: { id: string; name: string }) =>
      run(
        () => remove.mutateAsync({ dealId: deal.id }),
        `Deleted “${deal.name}”`,
        () => restore.mutateAsync({ dealId: deal.id }),
      ),
  };
}
