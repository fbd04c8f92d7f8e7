"use client";

import { useId, useState, type ComponentProps, type ReactNode } from "react";
import { CircleAlertIcon, TriangleAlertIcon } from "lucide-react";
import { Label } from "@mg/ui/label";
import { cn } from "@mg/ui/lib/utils";
import { Switch } from "@mg/ui/switch";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@mg/ui/tabs";
import { Textarea } from "@mg/ui/textarea";
import { NetworkMark, shortAccountLabel } from "../network-badge";
import type { MediaItem, NetworkInfo, SocialAccountView } from "../types";
import { variantOf, type ComposerDraft, type VariantDraft } from "./composer-state";
import { HashtagSuggestions } from "./hashtag-suggestions";
import { MediaPicker, MediaStrip } from "./media-picker";
import { TikTokPrivacyField } from "./tiktok-privacy-field";
import { capMessage, capText, codePointLength } from "./text-limits";
import type { AccountIssue, MediaForValidation } from "./validate";

/** How much of a variant's base text its tab previews (the rest is in the base tab). */
const PREVIEW_CHARS = 1_000;

/** "142 / 280" per network, red when over. */
function Counters({ text, networks }: { text: string; networks: readonly NetworkInfo[] }) {
  const n = codePointLength(text);
  if (networks.length === 0) return <span className="text-xs text-muted-foreground tabular-nums">{n.toLocaleString("en-US")} characters</span>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs tabular-nums" aria-label="Characters per network">
      {networks.map((network) => {
        const over = n > network.rules.maxTextLength;
        return (
          <li key={network.network} className={cn("inline-flex items-center gap-1", over ? "font-semibold text-destructive" : "text-muted-foreground")}>
            <NetworkMark network={network.network} className="size-3.5 text-[0.5rem]" />
            {n.toLocaleString("en-US")} / {network.rules.maxTextLength.toLocaleString("en-US")}
            {over ? <span className="sr-only"> (too long)</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function IssueList({ issues }: { issues: readonly AccountIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="grid gap-1 text-sm" data-testid="validation-issues">
      {issues.map((issue, i) => (
        <li key={i} className={cn("flex items-start gap-1.5", issue.severity === "error" ? "text-destructive" : "text-warning")}>
          {issue.severity === "error" ? <CircleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden /> : <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />}
          <span>
            <span className="sr-only">{issue.severity === "error" ? "Error: " : "Warning: "}</span>
            {issue.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A text field that keeps at most `cap` characters: a huge paste is cut, and the field says so
 * (in a live region), instead of freezing the page. Tall text scrolls inside the field.
 */
function CappedTextarea({ value, onValueChange, cap, className, ...props }: Omit<ComponentProps<typeof Textarea>, "value" | "onChange"> & { value: string; onValueChange: (value: string) => void; cap: number }) {
  const [notice, setNotice] = useState<string | null>(null);
  const noticeId = useId();
  return (
    <>
      <Textarea
        {...props}
        value={value}
        onChange={(event) => {
          const capped = capText(event.target.value, cap);
          setNotice(capped.removed > 0 ? capMessage(capped.removed, cap) : null);
          onValueChange(capped.text);
        }}
        aria-describedby={notice ? noticeId : undefined}
        className={cn("max-h-[60vh] overflow-y-auto", className)}
      />
      <p id={noticeId} role="status" className={notice ? "text-xs font-medium text-warning" : "sr-only"} data-testid={notice ? "text-cap-notice" : undefined}>
        {notice}
      </p>
    </>
  );
}

function OverrideSwitch({ label, useBase, onChange, disabled, children }: { label: string; useBase: boolean; onChange: (useBase: boolean) => void; disabled?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <div className="grid gap-2 rounded-lg border p-3">
      <div className="flex items-center justify-between gap-3">
        <Label htmlFor={id} className="font-medium">
          {label}
        </Label>
        <span className="flex items-center gap-2 text-xs text-muted-foreground">
          Use base
          <Switch id={id} checked={useBase} onCheckedChange={onChange} disabled={disabled} aria-label={`${label}: use base`} />
        </span>
      </div>
      {children}
    </div>
  );
}

export interface ContentEditorProps {
  draft: ComposerDraft;
  onChange: (update: (draft: ComposerDraft) => ComposerDraft) => void;
  accounts: readonly SocialAccountView[];
  networksFor: (accounts: readonly SocialAccountView[]) => NetworkInfo[];
  media: ReadonlyMap<string, MediaForValidation & { fileName?: string }>;
  issues: ReadonlyMap<string, AccountIssue[]>;
  onKnownMedia: (items: MediaItem[]) => void;
  canUpload: boolean;
  readOnly: boolean;
  tab: string;
  onTabChange: (tab: string) => void;
  /** The most characters a text field keeps (text-limits.ts). */
  textCap: number;
}

/** Base content plus one tab per chosen account, where each part can override the base. */
export function ContentEditor({ draft, onChange, accounts, networksFor, media, issues, onKnownMedia, canUpload, readOnly, tab, onTabChange, textCap }: ContentEditorProps) {
  const setVariant = (accountId: string, patch: Partial<VariantDraft>) =>
    onChange((d) => ({ ...d, variants: { ...d.variants, [accountId]: { ...variantOf(d, accountId), ...patch } } }));
  const appendTag = (text: string, tag: string) => `${text}${text && !/\s$/.test(text) ? " " : ""}${tag}`;
  const allNetworks = networksFor(accounts);
  const supportsFirstComment = allNetworks.length === 0 || allNetworks.some((n) => n.rules.supportsFirstComment);

  return (
    <Tabs value={tab} onValueChange={onTabChange} className="gap-4">
      <TabsList className="h-auto max-w-full flex-wrap justify-start" aria-label="Content per account">
        <TabsTrigger value="base" className="flex-none px-3">
          Base post
        </TabsTrigger>
        {accounts.map((account) => {
          const accountIssues = issues.get(account.id) ?? [];
          const errors = accountIssues.filter((i) => i.severity === "error").length;
          const variant = variantOf(draft, account.id);
          const overrides = !variant.useBaseText || !variant.useBaseMedia || !variant.useBaseFirstComment;
          return (
            <TabsTrigger key={account.id} value={account.id} className="flex-none gap-1.5 px-3" data-testid="variant-tab">
              <NetworkMark network={account.network} className="size-4 text-[0.5625rem]" />
              <span className="max-w-32 truncate">{shortAccountLabel(account)}</span>
              {overrides ? <span className="size-1.5 rounded-full bg-primary" aria-label="customised" /> : null}
              {errors > 0 ? (
                <span className="rounded-full bg-destructive px-1.5 text-[0.625rem] font-semibold text-destructive-foreground" aria-label={`${errors} problem${errors === 1 ? "" : "s"}`}>
                  {errors}
                </span>
              ) : null}
            </TabsTrigger>
          );
        })}
      </TabsList>

      <TabsContent value="base" className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="post-content">Text</Label>
          <CappedTextarea
            id="post-content"
            value={draft.content}
            onValueChange={(content) => onChange((d) => ({ ...d, content }))}
            cap={textCap}
            placeholder="What would you like to share?"
            className="min-h-40"
            readOnly={readOnly}
          />
          <Counters text={draft.content} networks={allNetworks} />
        </div>
        <div className="grid gap-2">
          <span className="text-sm font-medium">Media</span>
          <MediaStrip ids={draft.mediaIds} media={media} onRemove={(id) => onChange((d) => ({ ...d, mediaIds: d.mediaIds.filter((x) => x !== id) }))} disabled={readOnly} />
          <MediaPicker selected={draft.mediaIds} onConfirm={(ids) => onChange((d) => ({ ...d, mediaIds: ids }))} onKnown={onKnownMedia} canUpload={canUpload} disabled={readOnly} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="post-first-comment">First comment (optional)</Label>
          <CappedTextarea
            id="post-first-comment"
            value={draft.firstComment}
            onValueChange={(firstComment) => onChange((d) => ({ ...d, firstComment }))}
            cap={textCap}
            placeholder={supportsFirstComment ? "Posted right after the post — a good place for links or hashtags." : "None of the chosen networks has first comments."}
            className="min-h-16"
            readOnly={readOnly}
          />
        </div>
        <HashtagSuggestions text={draft.content} onPick={(tag) => onChange((d) => ({ ...d, content: appendTag(d.content, tag) }))} disabled={readOnly} />
      </TabsContent>

      {accounts.map((account) => {
        const variant = variantOf(draft, account.id);
        const networks = networksFor([account]);
        return (
          <TabsContent key={account.id} value={account.id} className="grid gap-3" data-testid="variant-panel">
            <p className="text-sm text-muted-foreground">
              What <span className="font-medium text-foreground">{account.name}</span> publishes. Switch off “Use base” to write something different for this account.
            </p>
            <OverrideSwitch
              label="Text"
              useBase={variant.useBaseText}
              disabled={readOnly}
              onChange={(useBase) => setVariant(account.id, useBase ? { useBaseText: true } : { useBaseText: false, text: variant.text || draft.content })}
            >
              {variant.useBaseText ? (
                <p className="line-clamp-4 text-sm whitespace-pre-wrap text-muted-foreground">{draft.content.slice(0, PREVIEW_CHARS) || "(The base post has no text yet.)"}</p>
              ) : (
                <>
                  <CappedTextarea
                    aria-label={`Text for ${account.name}`}
                    value={variant.text}
                    onValueChange={(text) => setVariant(account.id, { text })}
                    cap={textCap}
                    className="min-h-32"
                    readOnly={readOnly}
                  />
                  <HashtagSuggestions text={variant.text} network={account.network} onPick={(tag) => setVariant(account.id, { text: appendTag(variant.text, tag) })} disabled={readOnly} />
                </>
              )}
              <Counters text={variant.useBaseText ? draft.content : variant.text} networks={networks} />
            </OverrideSwitch>
            <OverrideSwitch
              label="Media"
              useBase={variant.useBaseMedia}
              disabled={readOnly}
              onChange={(useBase) => setVariant(account.id, useBase ? { useBaseMedia: true } : { useBaseMedia: false, mediaIds: variant.mediaIds.length ? variant.mediaIds : draft.mediaIds })}
            >
              {variant.useBaseMedia ? (
                draft.mediaIds.length ? (
                  <MediaStrip ids={draft.mediaIds} media={media} onRemove={() => undefined} disabled />
                ) : (
                  <p className="text-sm text-muted-foreground">No media on the base post.</p>
                )
              ) : (
                <>
                  <MediaStrip ids={variant.mediaIds} media={media} onRemove={(id) => setVariant(account.id, { mediaIds: variant.mediaIds.filter((x) => x !== id) })} disabled={readOnly} />
                  <MediaPicker selected={variant.mediaIds} onConfirm={(ids) => setVariant(account.id, { mediaIds: ids })} onKnown={onKnownMedia} canUpload={canUpload} triggerLabel="Choose media" disabled={readOnly} />
                </>
              )}
            </OverrideSwitch>
            <OverrideSwitch
              label="First comment"
              useBase={variant.useBaseFirstComment}
              disabled={readOnly}
              onChange={(useBase) => setVariant(account.id, useBase ? { useBaseFirstComment: true } : { useBaseFirstComment: false, firstComment: variant.firstComment || draft.firstComment })}
            >
              {variant.useBaseFirstComment ? (
                <p className="line-clamp-4 text-sm whitespace-pre-wrap text-muted-foreground">{draft.firstComment.slice(0, PREVIEW_CHARS) || "(None.)"}</p>
              ) : (
                <CappedTextarea aria-label={`First comment for ${account.name}`} value={variant.firstComment} onValueChange={(firstComment) => setVariant(account.id, { firstComment })} cap={textCap} className="min-h-16" readOnly={readOnly} />
              )}
            </OverrideSwitch>
            {account.network === "TIKTOK" ? (
              <TikTokPrivacyField value={variant.tiktokPrivacy ?? null} onChange={(level) => setVariant(account.id, { tiktokPrivacy: level })} accountName={account.name} disabled={readOnly} />
            ) : null}
            <IssueList issues={issues.get(account.id) ?? []} />
          </TabsContent>
        );
      })}
    </Tabs>
  );
}
