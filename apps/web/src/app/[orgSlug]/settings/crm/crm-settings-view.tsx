"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, ArrowDownIcon, ArrowUpIcon, ListPlusIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Skeleton } from "@mg/ui/skeleton";
import { Switch } from "@mg/ui/switch";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { CUSTOM_FIELD_TYPES, FIELD_TYPE_LABELS, type FieldDefinition } from "../../contacts/crm-ui";
import { ChoiceSelect, FormFooter } from "../../contacts/record-fields";

type ObjectName = "CONTACT" | "COMPANY";
type FieldType = FieldDefinition["type"];
const OBJECT_OPTIONS: { value: ObjectName; label: string }[] = [
  { value: "CONTACT", label: "Contact fields" },
  { value: "COMPANY", label: "Company fields" },
];

/** CRM settings: who sees which records, and the custom fields of contacts and companies. */
export function CrmSettingsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useOrg();
  const canManage = can("crm_settings.manage");
  const settings = useQuery(trpc.crmSettings.get.queryOptions());
  const updateSettings = useMutation(trpc.crmSettings.update.mutationOptions());
  const [object, setObject] = useState<ObjectName>("CONTACT");

  async function setOwnOnly(value: boolean) {
    try {
      await updateSettings.mutateAsync({ ownRecordsOnly: value });
      await queryClient.invalidateQueries();
      toast.success(value ? "Members now see only the records they own" : "Members see every record again");
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <div className="grid gap-6">
      <PageHeader title="CRM settings" description="Record visibility and the custom fields of contacts and companies." />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Record visibility</CardTitle>
          <CardDescription>Admins and owners always see every contact, company and deal.</CardDescription>
        </CardHeader>
        <CardContent>
          {settings.isPending ? (
            <Skeleton className="h-6 w-80" />
          ) : settings.isError ? (
            <Alert variant="destructive">
              <AlertDescription>{apiError(settings.error).message}</AlertDescription>
            </Alert>
          ) : (
            <div className="flex items-start gap-3">
              <Switch id="own-records" checked={settings.data.ownRecordsOnly} disabled={!canManage || updateSettings.isPending} onCheckedChange={(v) => void setOwnOnly(v)} aria-describedby="own-records-help" />
              <div className="grid gap-1">
                <Label htmlFor="own-records">Members see only the records they own</Label>
                <p id="own-records-help" className="text-sm text-muted-foreground">
                  Everyone below Admin then sees only the contacts, companies and deals assigned to them; others’ records answer as if they did not exist.
                  {settings.data.appliesToYou ? " This applies to you." : ""}
                </p>
              </div>
            </div>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="gap-3">
          <CardTitle as="h2">Custom fields</CardTitle>
          <CardDescription>Renaming a field or an option keeps every value; archiving hides a field without deleting anything.</CardDescription>
          <SegmentedControl label="Record type" value={object} onValueChange={setObject} options={OBJECT_OPTIONS} />
        </CardHeader>
        <CardContent>
          <FieldList key={object} object={object} canManage={canManage} />
        </CardContent>
      </Card>
    </div>
  );
}

function FieldList({ object, canManage }: { object: ObjectName; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fields = useQuery(trpc.crmSettings.fieldList.queryOptions({ object, includeArchived: true }));
  const archive = useMutation(trpc.crmSettings.fieldArchive.mutationOptions());
  const reorder = useMutation(trpc.crmSettings.fieldReorder.mutationOptions());
  const [editing, setEditing] = useState<FieldDefinition | "new" | null>(null);
  const invalidate = () => queryClient.invalidateQueries();

  async function setArchived(field: FieldDefinition, archived: boolean) {
    try {
      await archive.mutateAsync({ fieldId: field.id, archived });
      await invalidate();
      toast.success(archived ? `Archived “${field.label}”` : `Restored “${field.label}”`, archived ? { action: { label: "Undo", onClick: () => void setArchived(field, false) } } : undefined);
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  async function move(index: number, by: -1 | 1) {
    const list = fields.data ?? [];
    const ids = list.map((f) => f.id);
    const target = index + by;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target] ?? "", ids[index] ?? ""];
    try {
      await reorder.mutateAsync({ object, fieldIds: ids });
      await invalidate();
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  if (fields.isPending) return <Skeleton className="h-24" />;
  if (fields.isError)
    return (
      <Alert variant="destructive">
        <AlertDescription>{apiError(fields.error).message}</AlertDescription>
      </Alert>
    );
  const list = fields.data;
  return (
    <div className="grid gap-4">
      {list.length === 0 ? (
        <EmptyState titleAs="h3" icon={<ListPlusIcon />} title="No custom fields yet" description="Add what your business tracks: a favourite product, annual spend, a wholesale account…" />
      ) : (
        <ul className="divide-y rounded-lg border" data-testid="custom-fields">
          {list.map((field, index) => (
            <li key={field.id} className="flex flex-wrap items-center gap-3 p-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {field.label} {field.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                </p>
                <p className="text-xs text-muted-foreground">
                  {FIELD_TYPE_LABELS[field.type]}
                  {field.currency ? ` · ${field.currency}` : ""}
                  {field.options.length > 0 ? ` · ${field.options.filter((o) => !o.archived).map((o) => o.label).join(", ")}` : ""}
                </p>
              </div>
              {canManage ? (
                <div className="flex gap-1">
                  <Button variant="ghost" size="icon-sm" aria-label={`Move ${field.label} up`} disabled={index === 0} onClick={() => void move(index, -1)}>
                    <ArrowUpIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon-sm" aria-label={`Move ${field.label} down`} disabled={index === list.length - 1} onClick={() => void move(index, 1)}>
                    <ArrowDownIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon-sm" aria-label={`Edit ${field.label}`} onClick={() => setEditing(field)}>
                    <PencilIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon-sm" aria-label={field.archivedAt ? `Restore ${field.label}` : `Archive ${field.label}`} onClick={() => void setArchived(field, !field.archivedAt)}>
                    {field.archivedAt ? <ArchiveRestoreIcon aria-hidden /> : <ArchiveIcon aria-hidden />}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <Button className="justify-self-start" onClick={() => setEditing("new")} data-testid="new-field">
          <PlusIcon aria-hidden /> New field
        </Button>
      ) : null}
      <FieldDialog object={object} field={editing} onClose={() => setEditing(null)} onSaved={invalidate} />
    </div>
  );
}

interface OptionRow {
  key: string;
  id?: string;
  label: string;
}

interface FieldDialogProps {
  object: ObjectName;
  field: FieldDefinition | "new" | null;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}

function FieldDialog(props: FieldDialogProps) {
  const existing = props.field !== null && props.field !== "new" ? props.field : null;
  return (
    <Dialog open={props.field !== null} onOpenChange={(open) => (open ? undefined : props.onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{existing ? `Edit “${existing.label}”` : "New field"}</DialogTitle>
          <DialogDescription>{existing ? "The type cannot change. Removed options are archived: records that have them keep them." : "It appears on every record’s page and as a column you can show in the table."}</DialogDescription>
        </DialogHeader>
        {props.field !== null ? <FieldForm key={existing?.id ?? "new"} {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function FieldForm({ object, field, onClose, onSaved }: FieldDialogProps) {
  const trpc = useTRPC();
  const create = useMutation(trpc.crmSettings.fieldCreate.mutationOptions());
  const update = useMutation(trpc.crmSettings.fieldUpdate.mutationOptions());
  const existing = field !== null && field !== "new" ? field : null;
  const [label, setLabel] = useState(existing?.label ?? "");
  const [type, setType] = useState<FieldType>(existing?.type ?? "TEXT");
  const [currency, setCurrency] = useState(existing?.currency ?? "EUR");
  const [options, setOptions] = useState<OptionRow[]>(() => (existing?.options ?? []).filter((o) => !o.archived).map((o) => ({ key: o.id, id: o.id, label: o.label })));
  const [error, setError] = useState<string | null>(null);
  const [nextKey, setNextKey] = useState(0);

  const isSelect = type === "SINGLE_SELECT" || type === "MULTI_SELECT";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const cleanOptions = options.filter((o) => o.label.trim() !== "").map((o) => ({ ...(o.id ? { id: o.id } : {}), label: o.label.trim() }));
    try {
      if (existing) {
        await update.mutateAsync({ fieldId: existing.id, label, ...(isSelect ? { options: cleanOptions } : {}), ...(type === "CURRENCY" ? { currency } : {}) });
        toast.success(`Saved “${label}”`);
      } else {
        await create.mutateAsync({ object, label, type, options: isSelect ? cleanOptions : [], ...(type === "CURRENCY" ? { currency } : {}) });
        toast.success(`Added “${label}”`);
      }
      await onSaved();
      onClose();
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <FormField label="Name" required>
            <Input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} autoFocus />
          </FormField>
          <FormField label="Type">
            {(control) => <ChoiceSelect {...control} className="w-full" value={type} onChange={setType} disabled={existing !== null} choices={CUSTOM_FIELD_TYPES.map((t) => [t, FIELD_TYPE_LABELS[t]] as const)} />}
          </FormField>
          {type === "CURRENCY" ? (
            <FormField label="Currency" description="Three letters, such as EUR.">
              <Input value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} maxLength={3} />
            </FormField>
          ) : null}
          {isSelect ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Options</legend>
              {options.map((o, i) => (
                <div key={o.key} className="flex gap-2">
                  <Input aria-label={`Option ${i + 1}`} value={o.label} maxLength={100} onChange={(e) => setOptions((list) => list.map((x) => (x.key === o.key ? { ...x, label: e.target.value } : x)))} />
                  <Button type="button" variant="ghost" size="icon" aria-label={`Remove option ${o.label || i + 1}`} onClick={() => setOptions((list) => list.filter((x) => x.key !== o.key))}>
                    <Trash2Icon aria-hidden />
                  </Button>
                </div>
              ))}
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="justify-self-start"
                onClick={() => {
                  setOptions((list) => [...list, { key: `new-${nextKey}`, label: "" }]);
                  setNextKey((k) => k + 1);
                }}
              >
                <PlusIcon aria-hidden /> Add option
              </Button>
            </fieldset>
          ) : null}
          <FormFooter onCancel={onClose} submitLabel="Save" pending={create.isPending || update.isPending} />
        </form>
  );
}
