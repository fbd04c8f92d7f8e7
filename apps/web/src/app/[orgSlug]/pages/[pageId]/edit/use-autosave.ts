"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { parsePageData } from "@mg/pages";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";

export type SaveState = { kind: "saved"; at: Date | null } | { kind: "pending" } | { kind: "saving" } | { kind: "invalid"; message: string } | { kind: "conflict"; message: string } | { kind: "error"; message: string };

/** How long typing must pause before the draft is saved. */
const DEBOUNCE_MS = 1_200;

/**
 * Autosave of the draft: debounced, one save in flight at a time (the latest data goes next),
 * each carrying the revision the last save returned. A CONFLICT (another tab or person saved
 * first) stops autosaving — nothing is overwritten — until the editor reloads the page.
 */
/** The same page compares equal however Puck shaped it (defaults filled, unknown keys dropped). */
function fingerprint(data: unknown): string {
  const parsed = parsePageData(data);
  return JSON.stringify(parsed.ok ? parsed.data : data);
}

export function useAutosave(pageId: string, initialRevision: number, initialData: unknown) {
  const trpc = useTRPC();
  const save = useMutation(trpc.pages.saveDraft.mutationOptions());
  const revision = useRef(initialRevision);
  const latest = useRef<{ json: string; data: unknown } | null>(null);
  const lastSaved = useRef<string>(fingerprint(initialData));
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // Until what is saved is the latest: changes made while a save is in flight go next.
    for (;;) {
      while (inFlight.current) await inFlight.current;
      const next = latest.current;
      if (stopped.current) return false;
      if (!next || next.json === lastSaved.current) return true;
      const parsed = parsePageData(next.data);
      if (!parsed.ok) {
        setState({ kind: "invalid", message: parsed.message });
        return false;
      }
      setState({ kind: "saving" });
      let ok = false;
      const run = save
        .mutateAsync({ pageId, draftRevision: revision.current, content: parsed.data })
        .then((result) => {
          revision.current = result.draftRevision;
          lastSaved.current = next.json;
          ok = true;
          setState(latest.current?.json === next.json ? { kind: "saved", at: new Date(result.savedAt) } : { kind: "pending" });
        })
        .catch((e: unknown) => {
          const error = apiError(e);
          if (error.code === "CONFLICT") {
            stopped.current = true;
            setState({ kind: "conflict", message: error.message });
          } else setState({ kind: "error", message: error.message });
        });
      inFlight.current = run;
      await run;
      inFlight.current = null;
      if (!ok) return false;
    }
  }, [pageId, save]);

  const onChange = useCallback(
    (data: unknown) => {
      const json = fingerprint(data);
      if (json === (latest.current?.json ?? lastSaved.current)) return;
      latest.current = { json, data };
      if (stopped.current) return;
      setState({ kind: "pending" });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    // Leaving with unsaved changes: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current && latest.current.json !== lastSaved.current && !stopped.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  return { state, onChange, flush, revision: () => revision.current };
}
