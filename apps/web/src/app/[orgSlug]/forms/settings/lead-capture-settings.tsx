"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, SaveIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";

/** Turnstile keys and who receives new leads in turn (forms.edit). */
export function LeadCaptureSettingsView() {
  const { slug, can } = useOrg();
  const trpc = useTRPC();
  const settings = useQuery({ ...trpc.forms.settingsGet.queryOptions(), enabled: can("forms.edit") });
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        eyebrow={
          <Link href={`/${slug}/forms`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon aria-hidden className="size-4" /> Forms
          </Link>
        }
        title="Lead capture settings"
        description="Bot protection for all your forms, and who new leads are assigned to when a form has no owner."
      />
      {can("forms.edit") ? (
        <QueryStates query={settings} loadingLabel="Loading settings" isEmpty={false} empty={null}>
          {settings.data ? <SettingsForm initial={settings.data} /> : null}
        </QueryStates>
      ) : (
        <Alert>
          <AlertDescription>Your role cannot change lead capture settings.</AlertDescription>
        </Alert>
      )}
    </div>
  );
}

function SettingsForm({ initial }: { initial: { turnstileSiteKey: string | null; hasTurnstileSecret: boolean; roundRobinUserIds: string[] } }) {
  const { can } = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("users.read") });
  const save = useMutation(trpc.forms.settingsUpdate.mutationOptions());
  const [siteKey, setSiteKey] = useState(initial.turnstileSiteKey ?? "");
  const [secret, setSecret] = useState("");
  const [removeSecret, setRemoveSecret] = useState(false);
  const [roundRobin, setRoundRobin] = useState<string[]>(initial.roundRobinUserIds);
  const people = members.data ? [...members.data.members.map((m) => m.user), ...members.data.inherited.map((m) => m.user)] : [];

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      await save.mutateAsync({ turnstileSiteKey: removeSecret ? null : siteKey.trim() || null, turnstileSecret: removeSecret ? null : secret.trim() ? secret.trim() : undefined, roundRobinUserIds: roundRobin });
      setSecret("");
      toast.success("Settings saved");
      await queryClient.invalidateQueries({ queryKey: trpc.forms.settingsGet.queryKey() });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-6">
      <fieldset className="grid gap-3 rounded-lg border p-4">
        <legend className="px-1 font-semibold">Cloudflare Turnstile</legend>
        <p className="text-sm text-muted-foreground">With both keys set, every form shows the Turnstile check and the server verifies it. Leave empty to rely on the other spam layers.</p>
        <div className="grid gap-1.5">
          <Label htmlFor="turnstile-site">Site key</Label>
          <Input id="turnstile-site" value={siteKey} onChange={(e) => setSiteKey(e.target.value)} disabled={removeSecret} autoComplete="off" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="turnstile-secret">Secret key</Label>
          <Input
            id="turnstile-secret"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            disabled={removeSecret}
            autoComplete="off"
            placeholder={initial.hasTurnstileSecret ? "Stored (encrypted). Type a new one to replace it." : ""}
            aria-describedby="turnstile-secret-help"
          />
          <p id="turnstile-secret-help" className="text-xs text-muted-foreground">
            Stored encrypted and never shown again.
          </p>
        </div>
        {initial.hasTurnstileSecret ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} /> Turn Turnstile off (removes both keys)
          </label>
        ) : null}
      </fieldset>
      <fieldset className="grid gap-2 rounded-lg border p-4">
        <legend className="px-1 font-semibold">Round robin</legend>
        <p className="text-sm text-muted-foreground">New leads from forms without an owner are assigned to these people in turn.</p>
        {people.length === 0 ? <p className="text-sm text-muted-foreground">No members to choose from.</p> : null}
        {people.map((person) => (
          <label key={person.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={roundRobin.includes(person.id)} onChange={(e) => setRoundRobin(e.target.checked ? [...roundRobin, person.id] : roundRobin.filter((id) => id !== person.id))} />
            {person.name ?? person.email}
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={save.isPending}>
          <SaveIcon aria-hidden /> {save.isPending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
