"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MailPlusIcon, UserPlusIcon } from "lucide-react";
import { toast } from "sonner";
import { inviteMemberInput } from "@mg/api/schemas";
import { canAssignRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@mg/api/rbac";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { CopyButton } from "~/components/copy-button";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

interface Invited {
  email: string;
  role: Role;
  expiresAt: Date;
  inviteUrl: string;
}

export function InviteDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { role: myRole, org } = useOrg();
  const assignable = ROLES.filter((r) => canAssignRole(myRole, r));
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(assignable.includes("VIEWER") ? "VIEWER" : (assignable.at(-1) ?? "VIEWER"));
  const { fieldErrors, failure, submit, reset } = useSchemaForm(inviteMemberInput, { conflictField: "email" });
  const [invited, setInvited] = useState<Invited | null>(null);
  const invite = useMutation(trpc.members.invite.mutationOptions());

  function resetForm() {
    reset();
    setInvited(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await submit({ email: form.get("email"), role }, async (input) => {
      const result = await invite.mutateAsync(input);
      setInvited(result);
      toast.success(`Invitation created for ${result.email}`);
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) resetForm();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon aria-hidden /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        {invited ? (
          <>
            <DialogHeader>
              <DialogTitle>Invitation ready</DialogTitle>
              <DialogDescription>
                We’re emailing {invited.email}. Mail can be slow or offline, so you can also send this link yourself. It works once and expires on {formatDate(invited.expiresAt)}.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <label htmlFor="invite-link" className="text-sm font-medium">
                Invitation link ({ROLE_LABELS[invited.role]})
              </label>
              <div className="flex gap-2">
                <Input id="invite-link" readOnly value={invited.inviteUrl} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" className="font-mono text-xs" />
                <CopyButton value={invited.inviteUrl} />
              </div>
            </div>
            <DialogFooter>
              <Button variant="outline" onClick={resetForm}>
                Invite someone else
              </Button>
              <Button onClick={() => setOpen(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="invite-form">
            <DialogHeader>
              <DialogTitle>Invite a member</DialogTitle>
              <DialogDescription>They’ll join {org.name} with the role you choose. You can change it later.</DialogDescription>
            </DialogHeader>
            <FormFailure failure={failure} />
            <FormField label="Email" error={fieldErrors.email} required>
              <Input name="email" type="email" autoComplete="off" inputMode="email" placeholder="teammate@example.com" autoFocus />
            </FormField>
            <FormField label="Role" description={ROLE_DESCRIPTIONS[role]} error={fieldErrors.role} required>
              {(control) => (
                <Select value={role} onValueChange={(v) => setRole(v as Role)}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {assignable.map((r) => (
                      <SelectItem key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                <MailPlusIcon aria-hidden /> Send invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
