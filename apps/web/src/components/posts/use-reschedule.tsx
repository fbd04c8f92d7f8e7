"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { apiError } from "~/lib/errors";
import { formatLocalDateTimeLong } from "~/lib/scheduling-ui";
import { useTRPC } from "~/trpc/client";
import { scheduleProblemOf, type ScheduleProblem } from "./schedule-problem";
import { ScheduleProblemDialog, type ScheduleFix } from "./schedule-problem-dialog";

export interface MoveRequest {
  postId: string;
  /** The zone the wall-clock time is in (the post's own, or the organization's). */
  timezone: string;
  localTime: string;
}

type Pending = MoveRequest & { problem: Exclude<ScheduleProblem, { kind: "past" }> };

/**
 * Rescheduling with the same DST rules as the composer: a move into a spring-forward gap shows
 * the first valid time to accept, a move into a fall-back overlap asks which of the two. While a
 * move is in flight `optimistic` holds the post's new wall-clock time, so the calendar shows it
 * where it was dropped instead of snapping back.
 */
export function useReschedule() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const schedule = useMutation(trpc.posts.schedule.mutationOptions());
  const [pending, setPending] = useState<Pending | null>(null);
  const [optimistic, setOptimistic] = useState<ReadonlyMap<string, MoveRequest>>(new Map());

  function setMoving(postId: string, request: MoveRequest | null) {
    setOptimistic((current) => {
      const next = new Map(current);
      if (request) next.set(postId, request);
      else next.delete(postId);
      return next;
    });
  }

  async function attempt(request: MoveRequest, disambiguation?: "earlier" | "later"): Promise<boolean> {
    setMoving(request.postId, request);
    try {
      await schedule.mutateAsync({ postId: request.postId, timezone: request.timezone, localTime: request.localTime, disambiguation });
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
      toast.success(`Moved to ${formatLocalDateTimeLong(request.localTime)}`);
      setPending(null);
      return true;
    } catch (error) {
      const problem = scheduleProblemOf(error);
      if (problem && problem.kind !== "past") setPending({ ...request, problem });
      else {
        setPending(null);
        toast.error(apiError(error).message);
      }
      return false;
    } finally {
      setMoving(request.postId, null);
    }
  }

  function resolve(fix: ScheduleFix) {
    if (!pending) return;
    const { problem: _problem, ...request } = pending;
    if ("localTime" in fix) void attempt({ ...request, localTime: fix.localTime });
    else void attempt(request, fix.disambiguation);
  }

  const dialog = (
    <ScheduleProblemDialog problem={pending?.problem ?? null} timezone={pending?.timezone ?? "UTC"} busy={schedule.isPending} onResolve={resolve} onCancel={() => setPending(null)} />
  );

  return { move: (request: MoveRequest) => attempt(request), dialog, optimistic, busy: schedule.isPending };
}
