"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { PageHeader } from "@mg/ui/page-header";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { NewContactDialog } from "../../contacts/contact-dialog";
import { CustomFieldEditor } from "../../contacts/custom-field-editor";
import { formatDate, LIFECYCLE_LABELS, useMemberOptions, type CustomValue, type LifecycleStage } from "../../contacts/crm-ui";
import { BackLink, DealList, DeletedNotice, Detail, QuickActions, RecordPageError, RecordPageLoading, SectionCard } from "../../contacts/record-page";
import { LogActivityDialog, Timeline, type LogKind } from "../../contacts/timeline";
import { CompanyDialog, type CompanyValues } from "../company-dialog";

/** The company's 360° page: its fields, its people, its deals and its timeline. */
export function CompanyView({ companyId }: { companyId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const { nameOf } = useMemberOptions();
  const query = useQuery(trpc.companies.get.queryOptions({ companyId }));
  const update = useMutation(trpc.companies.update.mutationOptions());
  const remove = useMutation(trpc.companies.delete.mutationOptions());
  const restore = useMutation(trpc.companies.restore.mutationOptions());
  const [log, setLog] = useState<LogKind | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [contactOpen, setContactOpen] = useState(false);
  const canEdit = can("companies.update");
  const data = query.data;

  useEffect(() => {
    if (data?.kind === "merged") router.replace(`/${slug}/companies/${data.mergedIntoId}`);
  }, [data, router, slug]);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.companies.pathKey() });

  if (query.isPending || data?.kind === "merged") return <RecordPageLoading label="Loading the company" />;
  if (query.isError || !data) return <RecordPageError message={query.error ? apiError(query.error).message : "Company not found."} backHref={`/${slug}/companies`} backLabel="All companies" />;
  const { company, customFields, fieldDefinitions, contacts, contactCount, deals } = data;
  const deleted = company.deletedAt !== null;
  const address = [company.address.line1, company.address.line2, company.address.postalCode, company.address.city, company.address.region].filter(Boolean).join(", ");

  const doRestore = () =>
    void restore
      .mutateAsync({ companyIds: [companyId] })
      .then(invalidate)
      .catch((e: unknown) => toast.error(apiError(e).message));

  async function onDelete() {
    try {
      await remove.mutateAsync({ companyIds: [companyId] });
      await invalidate();
      toast.success(`Deleted ${company.name}`, { action: { label: "Undo", onClick: doRestore } });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <div className="grid gap-6">
      <BackLink href={`/${slug}/companies`} label="Companies" />
      {deleted ? <DeletedNotice what="company" onRestore={can("companies.delete") ? doRestore : null} /> : null}
      <PageHeader
        title={company.name}
        description={[company.domain, company.industry].filter(Boolean).join(" · ") || undefined}
        actions={
          !deleted && canEdit ? (
            <QuickActions onLog={setLog} onEdit={() => setEditOpen(true)} onDelete={can("companies.delete") ? () => void onDelete() : null} deleteLabel={`Delete ${company.name}`} />
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="grid content-start gap-4">
          <SectionCard title="Details">
              <dl className="grid gap-3 text-sm">
                {(
                  [
                    ["Domain", company.domain],
                    ["Industry", company.industry],
                    ["Size", company.size ? `${company.size} people` : null],
                    ["Country", company.country],
                    ["Address", address || null],
                    ["Owner", nameOf(company.ownerUserId)],
                    ["Created", formatDate(company.createdAt)],
                  ] as const
                ).map(([label, value]) => (
                  <Detail key={label} label={label} className="break-words">
                    {value}
                  </Detail>
                ))}
              </dl>
          </SectionCard>
          {fieldDefinitions.length > 0 ? (
            <SectionCard title="Custom fields">
                <dl className="grid divide-y">
                  {fieldDefinitions.map((def) => (
                    <CustomFieldEditor
                      key={def.id}
                      def={def}
                      value={customFields[def.id]}
                      canEdit={canEdit && !deleted}
                      onSave={async (value: CustomValue) => {
                        await update.mutateAsync({ companyId, customFields: { [def.id]: value } });
                        await invalidate();
                      }}
                    />
                  ))}
                </dl>
            </SectionCard>
          ) : null}
          <SectionCard
            title={`People (${contactCount})`}
            action={
              can("contacts.create") && !deleted ? (
                <Button size="sm" variant="outline" onClick={() => setContactOpen(true)}>
                  <PlusIcon aria-hidden /> Add
                </Button>
              ) : null
            }
          >
              {contacts.length === 0 ? (
                <p className="text-sm text-muted-foreground">Nobody linked yet.</p>
              ) : (
                <ul className="grid gap-2 text-sm">
                  {contacts.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-2">
                      <div className="min-w-0">
                        <Link href={`/${slug}/contacts/${c.id}`} className="font-medium hover:underline">
                          {c.displayName}
                        </Link>
                        {c.jobTitle ? <p className="truncate text-xs text-muted-foreground">{c.jobTitle}</p> : null}
                      </div>
                      <Badge variant="outline">{LIFECYCLE_LABELS[c.lifecycleStage as LifecycleStage]}</Badge>
                    </li>
                  ))}
                </ul>
              )}
              {contactCount > contacts.length ? (
                <Link href={`/${slug}/contacts?companyId=${companyId}`} className="mt-3 inline-flex items-center gap-1 text-sm underline">
                  <UsersIcon className="size-4" aria-hidden /> All {contactCount} in Contacts
                </Link>
              ) : null}
          </SectionCard>
          <SectionCard title="Deals">{deals.length === 0 ? <p className="text-sm text-muted-foreground">No deals yet.</p> : <DealList slug={slug} deals={deals} className="grid gap-1 text-sm" />}</SectionCard>
        </div>
        <Timeline target={{ companyId }} />
      </div>
      <LogActivityDialog target={{ companyId }} kind={log} onOpenChange={(open) => (open ? undefined : setLog(null))} />
      <NewContactDialog
        open={contactOpen}
        onOpenChange={(open) => {
          setContactOpen(open);
          if (!open) void invalidate();
        }}
        companyId={companyId}
      />
      <CompanyDialog
        open={editOpen}
        onOpenChange={setEditOpen}
        title="Edit company"
        initial={{ name: company.name, domain: company.domain, industry: company.industry, size: company.size as CompanyValues["size"], country: company.country, address: company.address }}
        onSave={async (values) => {
          await update.mutateAsync({ companyId, ...values });
          await invalidate();
          toast.success("Saved");
        }}
      />
    </div>
  );
}
