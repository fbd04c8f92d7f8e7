"use client";

import { useEffect, useMemo, useState, type ReactNode } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClockIcon, CircleAlertIcon, LockIcon, SaveIcon, SendIcon, Trash2Icon, Undo2Icon } from "lucide-react";
import { toast } from "sonner";
import { describeRolesWith } from "@mg/api/rbac";
import { formatZoned } from "@mg/scheduling";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@mg/ui/alert-dialog";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Label } from "@mg/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Tooltip, TooltipContent, TooltipTrigger } from "@mg/ui/tooltip";
import { ConfirmAction } from "~/components/confirm-button";
import { useOrg } from "~/app/[orgSlug]/org-context";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { useTRPC } from "~/trpc/client";
import { scheduleProblemOf, type ScheduleProblem } from "../schedule-problem";
import { ScheduleProblemDialog, type ScheduleFix } from "../schedule-problem-dialog";
import type { MediaItem, NetworkInfo, PostDetail, SocialAccountView } from "../types";
import { useNow } from "../use-now";
import { AccountPicker } from "./account-picker";
import { draftFromPost, emptyDraft, postFieldsOf, recurrenceRuleOf, type ComposerDraft, type ScheduleDraft } from "./composer-state";
import { ContentEditor } from "./content-editor";
import { LabelsInput } from "./labels-input";
import { recurrenceSummary } from "./recurrence-field";
import { ScheduleSection, useScheduleResolution } from "./schedule-section";
import { CHECK_DEBOUNCE_MS, textCapFor } from "./text-limits";
import { useDebouncedValue } from "./use-debounced-value";
import { countErrors, validateDraft, type MediaForValidation } from "./validate";

const SCHEDULERS = describeRolesWith("posts.schedule");
const PUBLISHERS = describeRolesWith("posts.publish");
const LOCKED = new Set(["PUBLISHING", "PUBLISHED", "PARTIAL"]);
const NO_CAMPAIGN = "__none";

type Intent = "draft" | "schedule" | "publish";
type KnownMedia = MediaForValidation & { fileName?: string };

/** A disabled action with the reason on hover and focus (a disabled button cannot take focus itself). */
function Gated({ allowed, reason, children }: { allowed: boolean; reason: string; children: ReactNode }) {
  if (allowed) return children;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="inline-flex rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring" aria-label={reason}>
          {children}
        </span>
      </TooltipTrigger>
      <TooltipContent>{reason}</TooltipContent>
    </Tooltip>
  );
}

function toKnown(item: MediaItem | PostDetail["media"][number]): KnownMedia {
  return { id: item.id, url: item.url, mimeType: item.mimeType, kind: item.kind, sizeBytes: item.sizeBytes, width: item.width, height: item.height, fileName: item.fileName };
}

/**
 * Compose once, adjust per account: base content, per-account variants validated live against
 * each network's limits, media, labels, campaign, and a schedule in the organization's zone with
 * the DST rules spelled out. Role-aware: content editors save drafts; schedulers schedule; publishers
 * publish now.
 */
export function Composer({ post, prefill, duplicateOf }: { post?: PostDetail; prefill?: { date?: string; time?: string; campaignId?: string }; duplicateOf?: PostDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { org, slug, can, user } = useOrg();
  // A post keeps the zone it was scheduled in (an import row may name another); new ones use the organization's.
  const timezone = post?.timezone ?? org.timezone;
  const now = useNow(30_000);

  const [initial] = useState<ComposerDraft>(() => {
    if (post) return draftFromPost(post);
    if (duplicateOf) return { ...draftFromPost(duplicateOf), schedule: emptyDraft(prefill).schedule };
    return emptyDraft(prefill);
  });
  const [draft, setDraft] = useState<ComposerDraft>(initial);
  const [tab, setTab] = useState("base");
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [problem, setProblem] = useState<{ problem: Exclude<ScheduleProblem, { kind: "past" }>; intent: Intent } | null>(null);
  const [busy, setBusy] = useState<Intent | null>(null);
  const [knownMedia, setKnownMedia] = useState<ReadonlyMap<string, KnownMedia>>(() => new Map((post ?? duplicateOf)?.media.map((m) => [m.id, toKnown(m)]) ?? []));

  const accounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const networks = useQuery(trpc.socialAccounts.networks.queryOptions());
  const campaigns = useQuery(trpc.campaigns.list.queryOptions({}));
  const library = useQuery(trpc.media.list.queryOptions({ limit: 100 }));
  const create = useMutation(trpc.posts.create.mutationOptions());
  const update = useMutation(trpc.posts.update.mutationOptions());
  const publishNow = useMutation(trpc.posts.publishNow.mutationOptions());
  const unschedule = useMutation(trpc.posts.unschedule.mutationOptions());
  const remove = useMutation(trpc.posts.delete.mutationOptions());
  const resolution = useScheduleResolution(draft.schedule, timezone);

  const media = useMemo(() => {
    const merged = new Map<string, KnownMedia>(knownMedia);
    for (const item of library.data?.items ?? []) if (!merged.has(item.id)) merged.set(item.id, toKnown(item));
    return merged;
  }, [knownMedia, library.data]);
  const rememberMedia = (items: MediaItem[]) => setKnownMedia((current) => new Map([...current, ...items.map((i) => [i.id, toKnown(i)] as const)]));

  const accountList = accounts.data ?? [];
  const networkList = networks.data ?? [];
  const byNetwork = new Map(networkList.map((n) => [n.network, n]));
  const networksFor = (list: readonly SocialAccountView[]): NetworkInfo[] => [...new Set(list.map((a) => a.network))].flatMap((n) => byNetwork.get(n) ?? []);
  const chosenAccounts = draft.accountIds.flatMap((id) => accountList.filter((a) => a.id === id));
  // The live checks run once typing pauses, not per keystroke; the API checks again on save.
  const checkedDraft = useDebouncedValue(draft, CHECK_DEBOUNCE_MS);
  const issues = useMemo(() => validateDraft(checkedDraft, accounts.data ?? [], networks.data ?? [], media), [checkedDraft, accounts.data, networks.data, media]);
  const textCap = useMemo(() => textCapFor(networks.data ?? []), [networks.data]);
  const errorCount = countErrors(issues);

  const status = post?.status ?? "DRAFT";
  const locked = LOCKED.has(status);
  const isAuthor = !post || post.authorId === user.id;
  const mayEdit = !post ? can("posts.create") : can("posts.update") || (isAuthor && status === "DRAFT" && can("posts.edit_own"));
  const readOnly = locked || !mayEdit;
  const canSchedule = can("posts.schedule");
  const canPublish = can("posts.publish");
  const mayDelete = post ? can("posts.delete") || (isAuthor && status === "DRAFT" && can("posts.edit_own")) : false;
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const recurrence = recurrenceSummary(draft.schedule);
  const recurrenceInvalid = recurrence !== null && !recurrence.ok;

  // Unsaved work is not lost to a stray tab close.
  useEffect(() => {
    if (!dirty || busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, busy]);

  const change = (fn: (d: ComposerDraft) => ComposerDraft) => {
    setDraft(fn);
    setFailure(null);
  };
  const changeSchedule = (patch: Partial<ScheduleDraft>) => change((d) => ({ ...d, schedule: { ...d.schedule, ...patch } }));
  function toggleAccount(accountId: string, on: boolean) {
    change((d) => ({ ...d, accountIds: on ? [...d.accountIds, accountId] : d.accountIds.filter((id) => id !== accountId) }));
    if (!on && tab === accountId) setTab("base");
  }

  const blockers: string[] = [];
  if (draft.accountIds.length === 0) blockers.push("Choose at least one account.");
  if (errorCount > 0) blockers.push(`Fix ${errorCount} problem${errorCount === 1 ? "" : "s"} with the content first.`);
  const scheduleBlockers = [...blockers];
  if (!resolution.complete) scheduleBlockers.push("Pick a date and time.");
  else if (resolution.result?.kind === "gap") scheduleBlockers.push("That time does not exist in this zone; use the suggested time.");
  else if (resolution.result?.kind === "ambiguous" && !draft.schedule.disambiguation) scheduleBlockers.push("That time happens twice; choose the earlier or the later one.");
  if (recurrenceInvalid) scheduleBlockers.push("Fix the repeat rule.");

  async function save(intent: Intent, override?: Partial<ScheduleDraft>) {
    const effective: ComposerDraft = override ? { ...draft, schedule: { ...draft.schedule, ...override } } : draft;
    if (override) setDraft(effective);
    setFailure(null);
    setBusy(intent);
    const fields = postFieldsOf(effective, timezone);
    const input = { ...fields, schedule: intent === "schedule" ? fields.schedule : fields.schedule ? { ...fields.schedule, recurrenceRule: null } : null, intent: intent === "schedule" ? ("schedule" as const) : ("draft" as const) };
    try {
      const saved = post ? await update.mutateAsync({ ...input, postId: post.id }) : await create.mutateAsync(input);
      if (intent === "publish") await publishNow.mutateAsync({ postId: saved.id });
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
      if (intent === "draft") toast.success("Draft saved");
      else if (intent === "publish") toast.success("Publishing now");
      else toast.success(saved.scheduledAt ? `Scheduled for ${formatZoned(saved.scheduledAt, timezone)}` : "Scheduled");
      if (!post) router.replace(`/${slug}/posts/${saved.id}`);
    } catch (error) {
      const scheduleProblem = scheduleProblemOf(error);
      if (scheduleProblem && scheduleProblem.kind !== "past") setProblem({ problem: scheduleProblem, intent });
      else setFailure(apiError(error));
    } finally {
      setBusy(null);
    }
  }

  function resolveProblem(fix: ScheduleFix) {
    if (!problem) return;
    const { intent } = problem;
    setProblem(null);
    if ("localTime" in fix) void save(intent, { date: fix.localTime.slice(0, 10), time: fix.localTime.slice(11, 16), disambiguation: null });
    else void save(intent, { disambiguation: fix.disambiguation });
  }

  async function onUnschedule() {
    if (!post) return;
    try {
      await unschedule.mutateAsync({ postId: post.id });
      toast.success("Unscheduled — it is a draft again");
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  async function onDelete() {
    if (!post) return;
    try {
      await remove.mutateAsync({ postId: post.id });
      toast.success("Post deleted");
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
      router.replace(`/${slug}/posts`);
    } catch (error) {
      toast.error(apiError(error).message);
      throw error;
    }
  }

  const hint = blockers[0] ?? (resolution.complete ? scheduleBlockers[blockers.length] : undefined);
  const scheduleLabel = status === "SCHEDULED" ? "Update schedule" : recurrenceRuleOf(draft.schedule) ? "Schedule series" : "Schedule";

  return (
    <div className="grid gap-6">
      {locked ? (
        <Alert variant="info" icon={<LockIcon aria-hidden />}>
          <AlertTitle>This post has gone out</AlertTitle>
          <AlertDescription>
            <p>
              What went out cannot be edited here.{" "}
              {can("posts.create") && post ? (
                <>
                  <Link href={`/${slug}/posts/new?from=${post.id}`} className="font-medium underline underline-offset-4">
                    Duplicate it
                  </Link>{" "}
                  to post it again.
                </>
              ) : null}
            </p>
          </AlertDescription>
        </Alert>
      ) : !mayEdit && post ? (
        <Alert variant="warning" icon={<LockIcon aria-hidden />}>
          <AlertTitle>Read only</AlertTitle>
          <AlertDescription>
            {can("posts.edit_own") ? `You can edit your own drafts; this one belongs to someone else or is already scheduled. Ask one of the ${SCHEDULERS}.` : "Your role can read posts but not change them."}
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Content</CardTitle>
            <CardDescription>Write the post once; each account’s tab can change its text, media or first comment.</CardDescription>
          </CardHeader>
          <CardContent>
            <ContentEditor
              draft={draft}
              onChange={change}
              accounts={chosenAccounts}
              networksFor={networksFor}
              media={media}
              issues={issues}
              onKnownMedia={rememberMedia}
              canUpload={can("media.upload")}
              readOnly={readOnly}
              tab={chosenAccounts.some((a) => a.id === tab) ? tab : "base"}
              onTabChange={setTab}
              textCap={textCap}
            />
          </CardContent>
        </Card>

        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle as="h2">Accounts</CardTitle>
              <CardDescription>Where this post goes.</CardDescription>
            </CardHeader>
            <CardContent>
              <AccountPicker
                accounts={accountList}
                loading={accounts.isPending}
                selected={draft.accountIds}
                onToggle={toggleAccount}
                accountsHref={`/${slug}/accounts`}
                disabled={readOnly}
                errorCount={(id) => (issues.get(id) ?? []).filter((i) => i.severity === "error").length}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle as="h2">Schedule</CardTitle>
              <CardDescription>When it goes out.</CardDescription>
            </CardHeader>
            <CardContent>
              <ScheduleSection schedule={draft.schedule} onChange={changeSchedule} timezone={timezone} now={now} accounts={chosenAccounts} readOnly={readOnly} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle as="h2">Organize</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <FormField label="Campaign">
                {(control) => (
                  <Select value={draft.campaignId ?? NO_CAMPAIGN} onValueChange={(value) => change((d) => ({ ...d, campaignId: value === NO_CAMPAIGN ? null : value }))} disabled={readOnly}>
                    <SelectTrigger {...control} className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={NO_CAMPAIGN}>No campaign</SelectItem>
                      {(campaigns.data ?? []).map((campaign) => (
                        <SelectItem key={campaign.id} value={campaign.id}>
                          <span aria-hidden className="size-2.5 rounded-full" style={{ background: campaign.color }} />
                          {campaign.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </FormField>
              <div className="grid gap-2">
                <Label htmlFor="post-labels">Labels</Label>
                <LabelsInput id="post-labels" value={draft.labels} onChange={(labels) => change((d) => ({ ...d, labels }))} disabled={readOnly} />
              </div>
            </CardContent>
          </Card>
        </div>
      </div>

      <FormFailure failure={failure} data-testid="composer-error" />

      {!readOnly ? (
        <div className="sticky bottom-0 z-20 -mx-4 flex flex-col gap-3 border-t bg-background/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6 md:-mx-10 md:flex-row md:items-center md:justify-between md:px-10" data-testid="composer-actions">
          <div className="min-h-5 text-sm" aria-live="polite">
            {hint ? (
              <span className="flex items-center gap-1.5 text-muted-foreground" data-testid="composer-hint">
                <CircleAlertIcon className="size-4 shrink-0" aria-hidden />
                {hint}
              </span>
            ) : resolution.result?.kind === "ok" ? (
              <span className="text-muted-foreground">Ready to go out {formatZoned(resolution.result.scheduledAt, timezone)}.</span>
            ) : dirty ? (
              <span className="text-muted-foreground">Unsaved changes.</span>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {post && status === "SCHEDULED" && canSchedule ? (
              <Button variant="ghost" onClick={() => void onUnschedule()} loading={unschedule.isPending}>
                <Undo2Icon aria-hidden /> Unschedule
              </Button>
            ) : null}
            {post && mayDelete ? (
              <ConfirmAction
                trigger={
                  <Button variant="ghost" className="text-destructive hover:text-destructive">
                    <Trash2Icon aria-hidden /> Delete
                  </Button>
                }
                title="Delete this post?"
                description={status === "SCHEDULED" ? "It is scheduled: it will not go out, and it disappears from the calendar. This cannot be undone." : "It disappears from the calendar and the list. This cannot be undone."}
                confirmLabel="Delete post"
                onConfirm={onDelete}
              />
            ) : null}
            <Button variant="outline" onClick={() => void save("draft")} loading={busy === "draft"} disabled={busy !== null}>
              <SaveIcon aria-hidden /> {status === "SCHEDULED" ? "Save as draft" : "Save draft"}
            </Button>
            <Gated allowed={canPublish} reason={`Publishing is for ${PUBLISHERS}.`}>
              <PublishNowButton
                disabled={!canPublish || busy !== null || blockers.length > 0}
                loading={busy === "publish"}
                accountCount={draft.accountIds.length}
                onConfirm={() => save("publish")}
              />
            </Gated>
            <Gated allowed={canSchedule} reason={`Scheduling is for ${SCHEDULERS}. Save a draft and ask one of them.`}>
              <Button onClick={() => void save("schedule")} loading={busy === "schedule"} disabled={!canSchedule || busy !== null || scheduleBlockers.length > 0 || resolution.pending}>
                <CalendarClockIcon aria-hidden /> {scheduleLabel}
              </Button>
            </Gated>
          </div>
        </div>
      ) : null}

      <ScheduleProblemDialog problem={problem?.problem ?? null} timezone={timezone} onResolve={resolveProblem} onCancel={() => setProblem(null)} />
    </div>
  );
}

function PublishNowButton({ disabled, loading, accountCount, onConfirm }: { disabled: boolean; loading: boolean; accountCount: number; onConfirm: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" disabled={disabled} loading={loading}>
          <SendIcon aria-hidden /> Publish now
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Publish now?</AlertDialogTitle>
          <AlertDialogDescription>
            It goes out to {accountCount} account{accountCount === 1 ? "" : "s"} right away. Posts cannot be recalled from every network once they are live.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            onClick={() => {
              setOpen(false);
              void onConfirm();
            }}
          >
            Publish now
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
