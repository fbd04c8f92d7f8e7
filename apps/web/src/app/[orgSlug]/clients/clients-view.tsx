"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { BriefcaseBusinessIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { PlanBadge } from "~/components/plan-badge";
import { Progress } from "~/components/progress";
import { apiError } from "~/lib/errors";
import { formatRelative, humanizeAction } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { AddClientDialog } from "./add-client-dialog";

export function ClientsView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const { org, can, isAgency } = useOrg();
  const clients = useQuery(trpc.organization.listClients.queryOptions());
  const canCreate = can("clients.create");

  if (!isAgency) {
    return (
      <div className="grid gap-8">
        <PageHeader title="Clients" />
        <EmptyState icon={<BriefcaseBusinessIcon />} title="Clients are for agencies" description={`${org.name} is a business organization. Create an agency to manage client organizations.`} />
      </div>
    );
  }

  return (
    <div className="grid gap-8">
      <PageHeader
        title="Clients"
        description="Every client at a glance. Each is its own organization — open one to work in it; two tabs can hold two clients."
        actions={canCreate ? <AddClientDialog defaultOpen={params.get("new") === "1"} /> : null}
      />
      {clients.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(clients.error).message}</AlertDescription>
        </Alert>
      ) : clients.isPending ? (
        <Card className="gap-3 p-6" role="status" aria-busy aria-label="Loading clients">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-10" />
          ))}
        </Card>
      ) : clients.data.clients.length === 0 ? (
        <EmptyState
          icon={<BriefcaseBusinessIcon />}
          title="No clients yet"
          description="Add your first client: they get their own organization, and your whole team can work in it."
          action={canCreate ? <AddClientDialog /> : null}
        />
      ) : (
        <Card className="py-0">
          <Table data-testid="clients-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Client</TableHead>
                <TableHead>Plan</TableHead>
                <TableHead className="min-w-40">Onboarding</TableHead>
                <TableHead className="hidden md:table-cell">Members</TableHead>
                <TableHead className="hidden pr-6 lg:table-cell">Last activity</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {clients.data.clients.map((client) => (
                <TableRow key={client.id} data-testid="client-row">
                  <TableCell className="pl-6">
                    <Link href={`/${client.slug}`} className="font-medium text-foreground hover:text-primary hover:underline">
                      {client.name}
                    </Link>
                    <p className="text-xs text-muted-foreground">
                      {client.industry ? `${client.industry} · ` : ""}
                      {client.timezone}
                    </p>
                  </TableCell>
                  <TableCell>
                    <PlanBadge plan={client.plan} status={client.status} />
                  </TableCell>
                  <TableCell>
                    <div className="flex items-center gap-3">
                      <Progress value={client.onboarding.done} max={client.onboarding.total || 1} label={`${client.name} onboarding`} className="w-24" />
                      <span className="text-xs text-muted-foreground tabular-nums">
                        {client.onboarding.done}/{client.onboarding.total}
                      </span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">{client.directMembers} direct</TableCell>
                  <TableCell className="hidden pr-6 text-muted-foreground lg:table-cell">
                    {client.lastActivity ? (
                      <span title={client.lastActivity.createdAt.toISOString()}>
                        {humanizeAction(client.lastActivity.action)} · {formatRelative(client.lastActivity.createdAt)}
                      </span>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
