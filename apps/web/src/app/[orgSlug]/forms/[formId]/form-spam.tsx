"use client";

import { useQuery } from "@tanstack/react-query";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { useTRPC } from "~/trpc/client";

/** The Spam tab: how many submissions were blocked in the last 30 days, and why. */
export function FormSpam({ formId }: { formId: string }) {
  const trpc = useTRPC();
  const stats = useQuery(trpc.forms.refusalStats.queryOptions({ formId, days: 30 }));
  const data = stats.data;
  return (
    <QueryStates query={stats} loadingLabel="Loading blocked submissions" isEmpty={false} empty={null}>
      {data ? (
        <div className="grid gap-4">
          <p className="text-sm">
            Last {data.days} days: <strong>{data.accepted}</strong> accepted, <strong>{data.blocked}</strong> blocked.
          </p>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Why it was blocked</TableHead>
                <TableHead className="text-right">Blocked</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.reasons.map((r) => (
                <TableRow key={r.reason}>
                  <TableCell>{r.label}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </QueryStates>
  );
}
