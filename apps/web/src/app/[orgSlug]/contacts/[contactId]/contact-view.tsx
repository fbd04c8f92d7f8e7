"use client";

import { useEffect, useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ListTodoIcon, MailIcon, PhoneIcon, ShieldCheckIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { CustomFieldEditor } from "../custom-field-editor";
import { CHANNEL_LABELS, CONSENT_CHANNELS, formatDate, formatDateTime, LIFECYCLE_LABELS, useMemberOptions, type ConsentChannel, type CustomValue } from "../crm-ui";
import { ChoiceSelect, CompanySelect, FormFooter, LIFECYCLE_CHOICES, NONE, ownerChoices } from "../record-fields";
import { AttributionCard } from "./attribution-card";
import { BackLink, DealList, DeletedNotice, Detail, QuickActions, RecordPageError, RecordPageLoading, SectionCard } from "../record-page";
import { LogActivityDialog, Timeline, type LogKind } from "../timeline";
import { DealDialog } from "../../deals/deal-dialog";
import { ScorePanel } from "./score-panel";


/** The contact's 360° page; a merged-away contact's link leads to the contact it was merged into. */
export function ContactView({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const { members, nameOf } = useMemberOptions();
  const query = useQuery(trpc.contacts.get.queryOptions({ contactId }));
  const update = useMutation(trpc.contacts.update.mutationOptions());
  const remove = useMutation(trpc.contacts.delete.mutationOptions());
  const restore = useMutation(trpc.contacts.restore.mutationOptions());
  const [log, setLog] = useState<LogKind | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);
  const [dealOpen, setDealOpen] = useState(false);
  const canEdit = can("contacts.update");
  const data = query.data;

  useEffect(() => {
    if (data?.kind === "merged") router.replace(`/${slug}/contacts/${data.mergedIntoId}`);
  }, [data, router, slug]);

  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
  };

  async function save(changes: Omit<Parameters<typeof update.mutateAsync>[0], "contactId">) {
    await update.mutateAsync({ contactId, ...changes });
    await invalidate();
  }

  async function saveQuick(changes: Omit<Parameters<typeof update.mutateAsync>[0], "contactId">) {
    try {
      await save(changes);
      toast.success("Saved");
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  if (query.isPending || data?.kind === "merged") return <RecordPageLoading label={data?.kind === "merged" ? "Opening the contact this one was merged into" : "Loading the contact"} />;
  if (query.isError || !data) return <RecordPageError message={query.error ? apiError(query.error).message : "Contact not found."} backHref={`/${slug}/contacts`} backLabel="All contacts" />;

  const { contact, customFields, fieldDefinitions, consents, deals, tasks } = data;
  const deleted = contact.deletedAt !== null;

  const doRestore = () =>
    void restore
      .mutateAsync({ contactIds: [contactId] })
      .then(invalidate)
      .catch((e: unknown) => toast.error(apiError(e).message));

  async function onDelete() {
    try {
      await remove.mutateAsync({ contactIds: [contactId] });
      await invalidate();
      toast.success(`Deleted ${contact.displayName}`, { action: { label: "Undo", onClick: doRestore } });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <div className="grid gap-6">
      <BackLink href={`/${slug}/contacts`} label="Contacts" />
      {deleted ? <DeletedNotice what="contact" onRestore={can("contacts.delete") ? doRestore : null} /> : null}
      <PageHeader
        title={contact.displayName}
        description={[contact.jobTitle, contact.company?.name].filter(Boolean).join(" · ") || undefined}
        actions={
          !deleted && canEdit ? (
            <QuickActions onLog={setLog} onEdit={() => setEditOpen(true)} onDelete={can("contacts.delete") ? () => void onDelete() : null} deleteLabel={`Delete ${contact.displayName}`}>
              {can("tasks.create") ? (
                <Button variant="outline" asChild>
                  <Link href={`/${slug}/tasks?contactId=${contactId}`}>
                    <ListTodoIcon aria-hidden /> Task
                  </Link>
                </Button>
              ) : null}
            </QuickActions>
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="grid content-start gap-4">
          <SectionCard title="Details">
              <dl className="grid gap-3 text-sm">
                <Detail label="Lifecycle stage">
                    {canEdit && !deleted ? (
                      <ChoiceSelect className="mt-1 w-full" aria-label="Lifecycle stage" size="sm" value={contact.lifecycleStage} onChange={(v) => void saveQuick({ lifecycleStage: v })} choices={LIFECYCLE_CHOICES} />
                    ) : (
                      <Badge variant="outline">{LIFECYCLE_LABELS[contact.lifecycleStage]}</Badge>
                    )}
                </Detail>
                <Detail label="Owner">
                    {canEdit && !deleted ? (
                      <ChoiceSelect className="mt-1 w-full" aria-label="Owner" size="sm" value={contact.ownerUserId ?? NONE} onChange={(v) => void saveQuick({ ownerUserId: v === NONE ? null : v })} choices={ownerChoices(members)} />
                    ) : (
                      (nameOf(contact.ownerUserId) ?? "Nobody")
                    )}
                </Detail>
                <Detail label="Emails">
                    {contact.emails.length === 0 ? null : (
                      <ul>
                        {contact.emails.map((e) => (
                          <li key={e.id} className="flex items-center gap-1.5 break-all">
                            <MailIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                            <a href={`mailto:${e.email}`} className="hover:underline">
                              {e.email}
                            </a>
                            {e.isPrimary && contact.emails.length > 1 ? <span className="text-xs text-muted-foreground">(primary)</span> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                </Detail>
                <Detail label="Phones">
                    {contact.phones.length === 0 ? null : (
                      <ul>
                        {contact.phones.map((p) => (
                          <li key={p.id} className="flex items-center gap-1.5">
                            <PhoneIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                            <a href={`tel:${p.e164}`} className="hover:underline">
                              {p.e164}
                            </a>
                            <span className="text-xs text-muted-foreground">{p.label}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                </Detail>
                <Detail label="Company">
                    {contact.company ? (
                      <Link href={`/${slug}/companies/${contact.company.id}`} className="hover:underline">
                        {contact.company.name}
                      </Link>
                    ) : null}
                </Detail>
                <Detail label="Tags" className="flex flex-wrap gap-1">
                    {contact.tags.length === 0 ? null : contact.tags.map((t) => <span key={t} className="rounded-full bg-secondary px-2 py-0.5 text-xs text-secondary-foreground">{t}</span>)}
                </Detail>
                <Detail label="Source · created">
                    {contact.source} · {formatDate(contact.createdAt)}
                </Detail>
              </dl>
          </SectionCard>

          <AttributionCard firstTouch={contact.firstTouch} lastTouch={contact.lastTouch} />

          {can("scoring.read") ? <ScorePanel contactId={contactId} /> : null}

          <SectionCard title="Custom fields">
              {fieldDefinitions.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  No custom fields yet.{" "}
                  {can("crm_settings.manage") ? (
                    <Link href={`/${slug}/settings/crm`} className="underline">
                      Add fields in CRM settings
                    </Link>
                  ) : null}
                </p>
              ) : (
                <dl className="grid divide-y">
                  {fieldDefinitions.map((def) => (
                    <CustomFieldEditor key={def.id} def={def} value={customFields[def.id]} canEdit={canEdit && !deleted} onSave={(value: CustomValue) => save({ customFields: { [def.id]: value } })} />
                  ))}
                </dl>
              )}
          </SectionCard>

          <SectionCard
            title="Consent"
            action={
              canEdit && !deleted ? (
                <Button size="sm" variant="outline" onClick={() => setConsentOpen(true)}>
                  Record
                </Button>
              ) : null
            }
          >
              {consents.length === 0 ? (
                <p className="text-sm text-muted-foreground">No consent recorded. Messages that need consent will not be sent.</p>
              ) : (
                <ul className="grid gap-2 text-sm" data-testid="consents">
                  {consents.map((c) => (
                    <li key={`${c.channel}-${c.purpose}`} className="flex items-start gap-2">
                      <ShieldCheckIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <div>
                        <p>
                          {CHANNEL_LABELS[c.channel]} · {c.purpose}: <strong>{c.status === "GRANTED" ? "granted" : "withdrawn"}</strong>
                        </p>
                        <p className="text-xs text-muted-foreground">
                          {c.method}
                          {c.wordingVersion ? ` · wording ${c.wordingVersion}` : ""} · {formatDateTime(c.recordedAt)}
                        </p>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
          </SectionCard>

          <SectionCard
            title="Deals and tasks"
            contentClassName="grid gap-3 text-sm"
            action={
              can("deals.create") && !deleted ? (
                <Button size="sm" variant="outline" onClick={() => setDealOpen(true)}>
                  New deal
                </Button>
              ) : null
            }
          >
              {deals.length === 0 && tasks.length === 0 ? <p className="text-muted-foreground">No deals or tasks yet.</p> : null}
              {deals.length > 0 ? <DealList slug={slug} deals={deals} className="grid gap-1" label="Deals" /> : null}
              {tasks.length > 0 ? (
                <ul className="grid gap-1" aria-label="Tasks">
                  {tasks.map((t) => (
                    <li key={t.id} className="flex justify-between gap-2">
                      <span className={t.doneAt ? "truncate text-muted-foreground line-through" : "truncate"}>{t.title}</span>
                      {t.dueAt ? <span className="shrink-0 text-muted-foreground">{formatDate(t.dueAt)}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
          </SectionCard>
        </div>

        <Timeline target={{ contactId }} />
      </div>

      <LogActivityDialog target={{ contactId }} kind={log} onOpenChange={(open) => (open ? undefined : setLog(null))} />
      <ConsentDialog contactId={contactId} open={consentOpen} onOpenChange={setConsentOpen} />
      <DealDialog open={dealOpen} onOpenChange={setDealOpen} contact={{ id: contactId, name: contact.displayName }} />
      <EditContactDialog
        open={editOpen}
        onOpenChange={setEditOpen}
        initial={{
          firstName: contact.firstName ?? "",
          lastName: contact.lastName ?? "",
          jobTitle: contact.jobTitle ?? "",
          emails: contact.emails.map((e) => e.email).join(", "),
          phones: contact.phones.map((p) => p.e164).join(", "),
          tags: contact.tags.join(", "),
          companyId: contact.companyId,
        }}
        onSave={async (values) => {
          await save(values);
          toast.success("Saved");
        }}
      />
    </div>
  );
}

interface EditValues {
  firstName: string;
  lastName: string;
  jobTitle: string;
  emails: string;
  phones: string;
  tags: string;
  companyId: string | null;
}

const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

interface EditContactProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initial: EditValues;
  onSave: (values: { firstName: string | null; lastName: string | null; jobTitle: string | null; emails: string[]; phones: { number: string; label: "mobile" }[]; tags: string[]; companyId: string | null }) => Promise<void>;
}

function EditContactDialog(props: EditContactProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Edit contact</DialogTitle>
          <DialogDescription>Separate several emails, phones or tags with commas; the first email and phone are the primary ones.</DialogDescription>
        </DialogHeader>
        {/* Mounted on opening: the form starts from the contact as it is then, and a background refresh never resets typing. */}
        {props.open ? <EditContactForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function EditContactForm({ onOpenChange, initial, onSave }: EditContactProps) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof EditValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    try {
      await onSave({
        firstName: values.firstName || null,
        lastName: values.lastName || null,
        jobTitle: values.jobTitle || null,
        emails: splitList(values.emails),
        phones: splitList(values.phones).map((number) => ({ number, label: "mobile" as const })),
        tags: splitList(values.tags),
        companyId: values.companyId,
      });
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="First name">
              <Input value={values.firstName} onChange={set("firstName")} maxLength={100} />
            </FormField>
            <FormField label="Last name">
              <Input value={values.lastName} onChange={set("lastName")} maxLength={100} />
            </FormField>
          </div>
          <FormField label="Job title">
            <Input value={values.jobTitle} onChange={set("jobTitle")} maxLength={200} />
          </FormField>
          <FormField label="Emails">
            <Input value={values.emails} onChange={set("emails")} />
          </FormField>
          <FormField label="Phones">
            <Input value={values.phones} onChange={set("phones")} />
          </FormField>
          <FormField label="Tags">
            <Input value={values.tags} onChange={set("tags")} />
          </FormField>
          <FormField label="Company">
            {(control) => <CompanySelect {...control} className="w-full" value={values.companyId} onChange={(companyId) => setValues((s) => ({ ...s, companyId }))} />}
          </FormField>
          <FormFooter onCancel={() => onOpenChange(false)} submitLabel="Save" pending={saving} pendingLabel="Saving…" />
        </form>
  );
}

function ConsentDialog({ contactId, open, onOpenChange }: { contactId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const record = useMutation(trpc.contacts.recordConsent.mutationOptions());
  const [channel, setChannel] = useState<ConsentChannel>("EMAIL");
  const [purpose, setPurpose] = useState("marketing");
  const [status, setStatus] = useState<"GRANTED" | "WITHDRAWN">("GRANTED");
  const [wordingVersion, setWordingVersion] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await record.mutateAsync({ contactId, channel, purpose, status, method: "manual", wordingVersion: wordingVersion.trim() || undefined });
      await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      toast.success("Consent recorded");
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Record consent</DialogTitle>
          <DialogDescription>Each change is kept in the consent ledger with your name and the time; nothing is overwritten.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Channel">
              {(control) => <ChoiceSelect {...control} className="w-full" value={channel} onChange={setChannel} choices={CONSENT_CHANNELS.map((c) => [c, CHANNEL_LABELS[c]] as const)} />}
            </FormField>
            <FormField label="Status">
              {(control) => (
                <ChoiceSelect
                  {...control}
                  className="w-full"
                  value={status}
                  onChange={setStatus}
                  choices={[
                    ["GRANTED", "Granted"],
                    ["WITHDRAWN", "Withdrawn"],
                  ]}
                />
              )}
            </FormField>
            <FormField label="Purpose">
              <Input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={100} />
            </FormField>
            <FormField label="Wording version" description="Optional: which text they agreed to.">
              <Input value={wordingVersion} onChange={(e) => setWordingVersion(e.target.value)} maxLength={100} />
            </FormField>
          </div>
          <FormFooter onCancel={() => onOpenChange(false)} submitLabel="Record" pending={record.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
