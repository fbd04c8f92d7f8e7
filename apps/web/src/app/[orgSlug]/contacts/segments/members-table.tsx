"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { Badge } from "@mg/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { useOrg } from "../../org-context";
import { LIFECYCLE_LABELS, memberName, type LifecycleStage, type Member } from "./segment-ui";

/** Contacts of a segment preview or a list, as the contacts table shows them (name links to the 360° page). */
export function MembersTable({ caption, members, action }: { caption: string; members: Member[]; action?: (member: Member) => ReactNode }) {
  const { slug } = useOrg();
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead>Company</TableHead>
          <TableHead>Lifecycle stage</TableHead>
          <TableHead className="text-right">Score</TableHead>
          {action ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id}>
            <TableCell className="font-medium">
              <Link href={`/${slug}/contacts/${m.id}`} className="underline-offset-4 hover:underline">
                {memberName(m)}
              </Link>
            </TableCell>
            <TableCell>{m.primaryEmail ?? ""}</TableCell>
            <TableCell>{m.companyName ?? ""}</TableCell>
            <TableCell>
              <Badge variant="outline">{LIFECYCLE_LABELS[m.lifecycleStage as LifecycleStage] ?? m.lifecycleStage}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{m.score}</TableCell>
            {action ? <TableCell className="text-right">{action(m)}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
