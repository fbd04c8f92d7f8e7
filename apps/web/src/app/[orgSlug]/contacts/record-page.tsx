"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { ArrowLeftIcon, CalendarIcon, MessageSquareTextIcon, PencilIcon, PhoneIcon, Trash2Icon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@mg/ui/card";
import { Skeleton } from "@mg/ui/skeleton";
import { formatMinor } from "./crm-ui";
import type { LogKind } from "./timeline";

/**
 * The parts a contact's and a company's 360° page share: the loading and failure states, the way
 * back, the "deleted" notice, the header's quick actions, the side cards and the deals list.
 */

export function RecordPageLoading({ label }: { label: string }) {
  return (
    <div className="grid gap-4" role="status" aria-label={label}>
      <Skeleton className="h-12 w-72" />
      <Skeleton className="h-48" />
    </div>
  );
}

export function RecordPageError({ message, backHref, backLabel }: { message: string; backHref: string; backLabel: string }) {
  return (
    <div className="grid gap-4">
      <Alert variant="destructive">
        <AlertDescription>{message}</AlertDescription>
      </Alert>
      <Button variant="outline" className="justify-self-start" asChild>
        <Link href={backHref}>
          <ArrowLeftIcon aria-hidden /> {backLabel}
        </Link>
      </Button>
    </div>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Button variant="ghost" size="sm" className="justify-self-start" asChild>
      <Link href={href}>
        <ArrowLeftIcon aria-hidden /> {label}
      </Link>
    </Button>
  );
}

export function DeletedNotice({ what, onRestore }: { what: string; onRestore: (() => void) | null }) {
  return (
    <Alert>
      <AlertDescription className="flex flex-wrap items-center justify-between gap-2">
        This {what} is deleted.
        {onRestore ? (
          <Button size="sm" variant="outline" onClick={onRestore}>
            Restore
          </Button>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

/** Log a note, call or meeting; the page's own extras (children); edit; delete when allowed. */
export function QuickActions({ onLog, onEdit, onDelete, deleteLabel, children }: { onLog: (kind: LogKind) => void; onEdit: () => void; onDelete: (() => void) | null; deleteLabel: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={() => onLog("note")}>
        <MessageSquareTextIcon aria-hidden /> Note
      </Button>
      <Button variant="outline" onClick={() => onLog("call")}>
        <PhoneIcon aria-hidden /> Call
      </Button>
      <Button variant="outline" onClick={() => onLog("meeting")}>
        <CalendarIcon aria-hidden /> Meeting
      </Button>
      {children}
      <Button onClick={onEdit}>
        <PencilIcon aria-hidden /> Edit
      </Button>
      {onDelete ? (
        <Button variant="outline" className="text-destructive" onClick={onDelete} aria-label={deleteLabel}>
          <Trash2Icon aria-hidden />
        </Button>
      ) : null}
    </div>
  );
}

/** One term of a details list; `children` absent (null) shows a dash. */
export function Detail({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={className}>{children ?? <span className="text-muted-foreground">—</span>}</dd>
    </div>
  );
}

/** A side card: an h2 title, an optional action at the header's end, then the content. */
export function SectionCard({ title, action, contentClassName, children }: { title: ReactNode; action?: ReactNode; contentClassName?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader className={action === undefined ? undefined : "flex flex-row items-center justify-between"}>
        <CardTitle as="h2" className="text-base">
          {title}
        </CardTitle>
        {action}
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}

export interface DealSummary {
  id: string;
  name: string;
  stageName: string;
  amountMinor: number | string;
  currency: string | null;
}

export function DealList({ slug, deals, className, label }: { slug: string; deals: DealSummary[]; className: string; label?: string }) {
  return (
    <ul className={className} aria-label={label}>
      {deals.map((d) => (
        <li key={d.id} className="flex justify-between gap-2">
          <Link href={`/${slug}/deals/${d.id}`} className="truncate hover:underline">
            {d.name}
          </Link>
          <span className="shrink-0 text-muted-foreground tabular-nums">
            {d.stageName} · {formatMinor(d.amountMinor, d.currency)}
          </span>
        </li>
      ))}
    </ul>
  );
}
