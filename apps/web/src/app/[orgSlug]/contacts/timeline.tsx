"use client";

import { useState, type FormEvent } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { CalendarIcon, HistoryIcon, MessageSquareTextIcon, PhoneIcon, ShieldCheckIcon, SparklesIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Skeleton } from "@mg/ui/skeleton";
import { Textarea } from "@mg/ui/textarea";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { formatDateTime, type TimelineEntry } from "./crm-ui";

/**
 * The timeline of a contact or a company (newest first, filtered by kind, "load more"), and the
 * dialogs that log a note, a call or a meeting on it. Notes are typed as plain paragraphs here and
 * sanitized on the server whatever is sent.
 */
export type TimelineTarget = { contactId: string } | { companyId: string };

const FILTERS = {
  all: undefined,
  notes: ["NOTE"],
  calls: ["CALL", "MEETING"],
  changes: ["FIELD_CHANGED", "CONTACT_CREATED", "CONSENT_CHANGED", "MERGED", "IMPORTED"],
  sales: ["DEAL_CREATED", "DEAL_WON", "DEAL_LOST", "STAGE_CHANGED", "TASK_CREATED", "TASK_DONE"],
} as const;
type FilterKey = keyof typeof FILTERS;
const FILTER_OPTIONS: { value: FilterKey; label: string }[] = [
  { value: "all", label: "All" },
  { value: "notes", label: "Notes" },
  { value: "calls", label: "Calls & meetings" },
  { value: "changes", label: "Changes" },
  { value: "sales", label: "Deals & tasks" },
];

const NO_ID = "00000000-0000-0000-0000-000000000000";

function useTimeline(target: TimelineTarget, kinds: readonly string[] | undefined) {
  const trpc = useTRPC();
  const kindList = kinds ? ([...kinds] as TimelineEntry["kind"][]) : undefined;
  const forContact = "contactId" in target;
  const next = { getNextPageParam: (p: { nextCursor: string | null }) => p.nextCursor ?? undefined };
  // One of the two is enabled: the target's kind never changes for a mounted timeline.
  const contact = useInfiniteQuery({
    ...trpc.contacts.timeline.infiniteQueryOptions({ contactId: "contactId" in target ? target.contactId : NO_ID, kinds: kindList, limit: 25 }, next),
    enabled: forContact,
    placeholderData: keepPreviousData,
  });
  const company = useInfiniteQuery({
    ...trpc.companies.timeline.infiniteQueryOptions({ companyId: "companyId" in target ? target.companyId : NO_ID, kinds: kindList, limit: 25 }, next),
    enabled: !forContact,
    placeholderData: keepPreviousData,
  });
  return forContact ? contact : company;
}

function str(payload: unknown, key: string): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
}

function describe(entry: TimelineEntry): { icon: typeof HistoryIcon; title: string; body?: string; html?: string } {
  const p = entry.payload;
  switch (entry.kind) {
    case "NOTE":
      return { icon: MessageSquareTextIcon, title: "Note", html: str(p, "html") ?? "" };
    case "CALL":
      return { icon: PhoneIcon, title: `Call${str(p, "durationMinutes") ? ` · ${str(p, "durationMinutes")} min` : ""}${str(p, "outcome") ? ` · ${str(p, "outcome")}` : ""}`, body: str(p, "summary") ?? "" };
    case "MEETING":
      return { icon: CalendarIcon, title: "Meeting", body: str(p, "summary") ?? "" };
    case "FIELD_CHANGED": {
      const from = str(p, "from");
      const to = str(p, "to");
      return { icon: HistoryIcon, title: `${str(p, "field") ?? "Field"} changed`, body: `${from ?? "(empty)"} → ${to ?? "(empty)"}` };
    }
    case "CONTACT_CREATED":
      return { icon: SparklesIcon, title: "Contact created", body: `Source: ${str(p, "source") ?? "manual"}` };
    case "CONSENT_CHANGED":
      return { icon: ShieldCheckIcon, title: `Consent ${str(p, "status") === "GRANTED" ? "granted" : "withdrawn"}`, body: `${str(p, "channel") ?? ""} · ${str(p, "purpose") ?? ""} · ${str(p, "method") ?? ""}` };
    case "MERGED": {
      // Who was merged in: the payload keeps their names, their records are gone.
      const names = typeof p === "object" && p !== null && Array.isArray((p as { names?: unknown }).names) ? (p as { names: unknown[] }).names.filter((n): n is string => typeof n === "string") : [];
      const undone = typeof p === "object" && p !== null && (p as { undone?: unknown }).undone === true;
      return { icon: HistoryIcon, title: undone ? "Merge undone" : "Merged", body: names.length > 0 ? `Merged in: ${names.join(", ")}` : undefined };
    }
    default:
      return { icon: HistoryIcon, title: entry.kind.replaceAll("_", " ").toLowerCase().replace(/^\w/, (c) => c.toUpperCase()), body: str(p, "name") ?? str(p, "title") ?? str(p, "subject") ?? str(p, "toStage") ?? undefined };
  }
}

export function Timeline({ target }: { target: TimelineTarget }) {
  const [filter, setFilter] = useState<FilterKey>("all");
  const timeline = useTimeline(target, FILTERS[filter]);
  const entries = timeline.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <section aria-labelledby="timeline-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        <SegmentedControl label="Show on the timeline" value={filter} onValueChange={setFilter} options={FILTER_OPTIONS} />
      </div>
      {timeline.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the timeline: {apiError(timeline.error).message}</AlertDescription>
        </Alert>
      ) : timeline.isPending ? (
        <div role="status" aria-label="Loading the timeline" className="grid gap-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16 rounded-lg" />
          ))}
        </div>
      ) : entries.length === 0 ? (
        <EmptyState titleAs="h3" icon={<HistoryIcon />} title="Nothing here yet" description={filter === "all" ? "Notes, calls, changes and deals appear here as they happen." : "Nothing of this kind yet."} />
      ) : (
        <ol className="grid gap-3" data-testid="timeline">
          {entries.map((entry) => {
            const d = describe(entry);
            const Icon = d.icon;
            return (
              <li key={entry.id} className="flex gap-3 rounded-lg border bg-card p-3" data-kind={entry.kind}>
                <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <p className="font-medium">{d.title}</p>
                    <p className="text-xs text-muted-foreground">
                      {entry.actorName ?? entry.actorLabel ?? "System"} · <time dateTime={new Date(entry.occurredAt).toISOString()}>{formatDateTime(entry.occurredAt)}</time>
                    </p>
                  </div>
                  {d.html !== undefined ? (
                    // Sanitized on the server (services/crm/notes.ts): basic formatting and links only.
                    <div className="mt-1 text-sm break-words [&_a]:text-primary [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: d.html }} />
                  ) : d.body ? (
                    <p className="mt-1 text-sm break-words whitespace-pre-line text-muted-foreground">{d.body}</p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {timeline.hasNextPage ? (
        <Button variant="outline" className="justify-self-center" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {timeline.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </section>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text with blank-line paragraphs, *bold* and links written out, as note HTML. */
export function noteToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\*([^*]+)\*/g, "<strong>$1</strong>").replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>').replace(/\n/g, "<br>")}</p>`)
    .join("");
}

export type LogKind = "note" | "call" | "meeting";
const LOG_TITLES: Record<LogKind, string> = { note: "Log a note", call: "Log a call", meeting: "Log a meeting" };

export function LogActivityDialog({ target, kind, onOpenChange }: { target: TimelineTarget; kind: LogKind | null; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={kind !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{kind ? LOG_TITLES[kind] : ""}</DialogTitle>
          <DialogDescription>{kind === "note" ? "Blank lines start paragraphs; *stars* make bold; links stay clickable." : "It goes on the timeline with your name and the time."}</DialogDescription>
        </DialogHeader>
        {kind ? <LogForm key={kind} target={target} kind={kind} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function LogForm({ target, kind, onDone }: { target: TimelineTarget; kind: LogKind; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [minutes, setMinutes] = useState("");
  const [outcome, setOutcome] = useState("");
  const [error, setError] = useState<string | null>(null);
  const contactNote = useMutation(trpc.contacts.logNote.mutationOptions());
  const contactCall = useMutation(trpc.contacts.logCall.mutationOptions());
  const contactMeeting = useMutation(trpc.contacts.logMeeting.mutationOptions());
  const companyNote = useMutation(trpc.companies.logNote.mutationOptions());
  const companyCall = useMutation(trpc.companies.logCall.mutationOptions());
  const companyMeeting = useMutation(trpc.companies.logMeeting.mutationOptions());
  const pending = [contactNote, contactCall, contactMeeting, companyNote, companyCall, companyMeeting].some((m) => m.isPending);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === "") {
      setError(kind === "note" ? "Write the note first." : "Say what it was about.");
      return;
    }
    setError(null);
    const duration = minutes.trim() === "" ? undefined : Number(minutes);
    try {
      if ("contactId" in target) {
        if (kind === "note") await contactNote.mutateAsync({ contactId: target.contactId, html: noteToHtml(text) });
        else if (kind === "call") await contactCall.mutateAsync({ contactId: target.contactId, summary: text, durationMinutes: duration, outcome: outcome.trim() || undefined });
        else await contactMeeting.mutateAsync({ contactId: target.contactId, summary: text });
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.timeline.pathKey() });
      } else {
        if (kind === "note") await companyNote.mutateAsync({ companyId: target.companyId, html: noteToHtml(text) });
        else if (kind === "call") await companyCall.mutateAsync({ companyId: target.companyId, summary: text, durationMinutes: duration, outcome: outcome.trim() || undefined });
        else await companyMeeting.mutateAsync({ companyId: target.companyId, summary: text });
        await queryClient.invalidateQueries({ queryKey: trpc.companies.timeline.pathKey() });
      }
      toast.success(kind === "note" ? "Note added" : kind === "call" ? "Call logged" : "Meeting logged");
      onDone();
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormField label={kind === "note" ? "Note" : "Summary"} error={error} required>
        <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={kind === "note" ? 6 : 3} maxLength={kind === "note" ? 20_000 : 5_000} autoFocus />
      </FormField>
      {kind === "call" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Duration (minutes)">
            <Input type="number" inputMode="numeric" min={0} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </FormField>
          <FormField label="Outcome">
            <Input value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={200} placeholder="Connected, voicemail…" />
          </FormField>
        </div>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}
