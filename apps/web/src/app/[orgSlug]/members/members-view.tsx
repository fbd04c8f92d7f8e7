"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOutIcon, MailIcon, MonitorXIcon, Trash2Icon, UserMinusIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";
import { canAssignRole, ROLE_LABELS, ROLES, type Role } from "@mg/api/rbac";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Avatar, AvatarFallback } from "@mg/ui/avatar";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { ConfirmAction } from "~/components/confirm-button";
import { RoleBadge } from "~/components/role-badge";
import { apiError } from "~/lib/errors";
import { formatDate, formatRelative, initials } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { InviteDialog } from "./invite-dialog";

function Person({ name, email, you }: { name: string | null; email: string; you?: boolean }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar className="size-8">
        <AvatarFallback>{initials(name, email)}</AvatarFallback>
      </Avatar>
      <div className="min-w-0">
        <p className="flex items-center gap-2 truncate font-medium">
          {name ?? email}
          {you ? (
            <Badge variant="outline" className="text-[0.6875rem]">
              You
            </Badge>
          ) : null}
        </p>
        {name ? <p className="truncate text-xs text-muted-foreground sm:hidden">{email}</p> : null}
      </div>
    </div>
  );
}

/**
 * The header's count, as members.list computes it (services/seats.ts): each person with access
 * once, direct members and the agency's people together — what billing will count.
 */
function SeatSummary({ seats, agencyName }: { seats: { total: number; direct: number; inherited: number }; agencyName: string | null }) {
  return (
    <p className="text-sm text-muted-foreground" data-testid="seat-summary" data-seats={seats.total}>
      <span className="font-semibold text-foreground tabular-nums">{seats.total}</span> {seats.total === 1 ? "person has" : "people have"} access ({seats.total === 1 ? "1 seat" : `${seats.total} seats`})
      {agencyName && seats.inherited > 0 ? (
        <>
          {" "}
          · {seats.direct} direct · {seats.inherited} through {agencyName}
        </>
      ) : null}
    </p>
  );
}

function TableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="grid gap-3 p-6" role="status" aria-busy aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-3">
          <Skeleton className="size-8 rounded-full" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-24" />
        </div>
      ))}
    </div>
  );
}

/** A titled card around one of the page's tables. */
function SectionCard({ title, description, children, "data-testid": testId }: { title: ReactNode; description: ReactNode; children: ReactNode; "data-testid"?: string }) {
  return (
    <Card className="gap-0 py-0" data-testid={testId}>
      <CardHeader className="border-b py-5">
        <CardTitle as="h2">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      {children}
    </Card>
  );
}

export function MembersView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { org, role: myRole, can, current } = useOrg();
  const list = useQuery(trpc.members.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });

  const changeRole = useMutation(trpc.members.changeRole.mutationOptions());
  const remove = useMutation(trpc.members.remove.mutationOptions());
  const signOutMember = useMutation(trpc.members.signOutEverywhere.mutationOptions());
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions());
  const leave = useMutation(trpc.members.leave.mutationOptions());

  const canChange = can("users.change_role");
  const canRemove = can("users.delete");
  const canInvite = can("users.invite");

  /** A change's outcome as a toast; on success the list is refetched unless `refetchList: false`. */
  async function run<T>(promise: Promise<T>, success: string, { refetchList = true } = {}) {
    try {
      const result = await promise;
      toast.success(success);
      if (refetchList) await invalidate();
      return result;
    } catch (error) {
      toast.error(apiError(error).message);
      throw error;
    }
  }

  const isDirectMember = list.data?.members.some((m) => m.user.id === list.data?.myUserId) ?? current.via === "direct";
  const agencyName = list.data?.via?.name ?? current.parent?.name ?? "your agency";

  return (
    <div className="grid gap-8">
      <PageHeader title="Members" description={`People who can work in ${org.name}, and what each of them may do.`} actions={canInvite ? <InviteDialog /> : null}>
        {list.data ? <SeatSummary seats={list.data.seats} agencyName={list.data.via?.name ?? null} /> : <Skeleton className="h-5 w-64" />}
      </PageHeader>

      {list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : null}

      <SectionCard
        title="Team"
        description={
          list.data
            ? list.data.members.length === 0 && list.data.inherited.length > 0
              ? `No direct members yet: everyone here has access through ${agencyName}.`
              : `${list.data.members.length} direct member${list.data.members.length === 1 ? "" : "s"}`
            : "Loading members…"
        }
      >
        {list.isPending ? (
          <TableSkeleton />
        ) : list.data && list.data.members.length > 0 ? (
          <Table data-testid="members-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Name</TableHead>
                <TableHead className="hidden sm:table-cell">Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead className="hidden md:table-cell">Joined</TableHead>
                <TableHead className="pr-6 text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.members.map((member) => {
                const isMe = member.user.id === list.data.myUserId;
                const manageable = !isMe && canAssignRole(myRole, member.role);
                const label = member.user.name ?? member.user.email;
                return (
                  <TableRow key={member.id} data-testid="member-row" data-email={member.user.email}>
                    <TableCell className="pl-6">
                      <Person name={member.user.name} email={member.user.email} you={isMe} />
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{member.user.email}</TableCell>
                    <TableCell>
                      {canChange && manageable ? (
                        <Select
                          value={member.role}
                          disabled={changeRole.isPending}
                          onValueChange={(value) => void run(changeRole.mutateAsync({ membershipId: member.id, role: value as Role }), `${label} is now ${ROLE_LABELS[value as Role]}`).catch(() => undefined)}
                        >
                          <SelectTrigger size="sm" className="w-44" aria-label={`Role of ${label}`}>
                            <SelectValue />
                          </SelectTrigger>
                          <SelectContent>
                            {ROLES.map((r) => (
                              <SelectItem key={r} value={r} disabled={!canAssignRole(myRole, r)}>
                                {ROLE_LABELS[r]}
                              </SelectItem>
                            ))}
                          </SelectContent>
                        </Select>
                      ) : (
                        <RoleBadge role={member.role} />
                      )}
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{formatDate(member.createdAt)}</TableCell>
                    <TableCell className="pr-6 text-right">
                      {canRemove && manageable ? (
                        <ConfirmAction
                          trigger={
                            <Button variant="ghost" size="icon-sm" aria-label={`Sign ${label} out everywhere`} title="Sign out everywhere">
                              <MonitorXIcon aria-hidden />
                            </Button>
                          }
                          title={`Sign ${label} out everywhere?`}
                          description={`Every device ${label} is signed in on is signed out at once (a lost laptop, a shared computer). They keep their access and can sign in again.`}
                          confirmLabel="Sign out everywhere"
                          onConfirm={() =>
                            run(signOutMember.mutateAsync({ membershipId: member.id }), `${label} was signed out everywhere`, { refetchList: false })
                          }
                        />
                      ) : null}
                      {canRemove && manageable ? (
                        <ConfirmAction
                          trigger={
                            <Button variant="ghost" size="icon-sm" aria-label={`Remove ${label}`}>
                              <UserMinusIcon aria-hidden />
                            </Button>
                          }
                          title={`Remove ${label}?`}
                          description={`${label} loses access to ${org.name} immediately. You can invite them again later.`}
                          confirmLabel="Remove member"
                          onConfirm={() => run(remove.mutateAsync({ membershipId: member.id }), `${label} was removed`)}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        ) : null}
      </SectionCard>

      {list.data && list.data.inherited.length > 0 ? (
        <SectionCard
          data-testid="inherited-members"
          title={`Through ${agencyName}`}
          description={
            <>
              {list.data.inherited.length} {list.data.inherited.length === 1 ? "person reaches" : "people reach"} this client with their role in the agency.{" "}
              {list.data.via ? (
                <Link href={`/${list.data.via.slug}/members`} className="font-medium text-primary underline-offset-4 hover:underline">
                  Manage them in {list.data.via.name}
                </Link>
              ) : (
                "Manage them in the agency."
              )}
            </>
          }
        >
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Name</TableHead>
                <TableHead className="hidden sm:table-cell">Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead className="hidden pr-6 md:table-cell">Access</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.inherited.map((m) => (
                <TableRow key={m.user.id} data-testid="inherited-member-row" data-email={m.user.email}>
                  <TableCell className="pl-6">
                    <Person name={m.user.name} email={m.user.email} you={m.user.id === list.data.myUserId} />
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{m.user.email}</TableCell>
                  <TableCell>
                    <RoleBadge role={m.role} />
                  </TableCell>
                  <TableCell className="hidden pr-6 text-xs text-muted-foreground md:table-cell">
                    {m.alsoDirect ? "Also a direct member: the Team role applies" : `Via ${agencyName}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </SectionCard>
      ) : null}

      {canInvite || (list.data && list.data.invitations.length > 0) ? (
        <SectionCard data-testid="pending-invitations" title="Pending invitations" description="An invitation holds a place in your plan’s member limit until it is accepted, revoked or expires; once accepted, it is a seat.">
          {list.isPending ? (
            <TableSkeleton rows={1} />
          ) : !list.data || list.data.invitations.length === 0 ? (
            <CardContent className="py-2">
              <EmptyState icon={<MailIcon />} titleAs="h3" title="No pending invitations" description="Invite a teammate — they get an email and a link you can share yourself." className="border-0 p-2 md:p-4" />
            </CardContent>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">Email</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead className="hidden md:table-cell">Invited by</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead className="pr-6 text-right">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.invitations.map((invitation) => (
                  <TableRow key={invitation.id} data-testid="invitation-row" data-email={invitation.email}>
                    <TableCell className="pl-6 font-medium">{invitation.email}</TableCell>
                    <TableCell>
                      <RoleBadge role={invitation.role} />
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{invitation.invitedBy?.name ?? invitation.invitedBy?.email ?? "—"}</TableCell>
                    <TableCell>
                      {invitation.expired ? (
                        <Badge variant="destructive">Expired</Badge>
                      ) : (
                        <span className="text-muted-foreground" title={invitation.expiresAt.toISOString()}>
                          {formatRelative(invitation.expiresAt)}
                        </span>
                      )}
                    </TableCell>
                    <TableCell className="pr-6 text-right">
                      {canInvite && canAssignRole(myRole, invitation.role) ? (
                        <ConfirmAction
                          trigger={
                            <Button variant="ghost" size="sm" aria-label={`Revoke invitation for ${invitation.email}`}>
                              <Trash2Icon aria-hidden /> Revoke
                            </Button>
                          }
                          title={`Revoke the invitation for ${invitation.email}?`}
                          description="The link stops working immediately. You can send a new invitation at any time."
                          confirmLabel="Revoke invitation"
                          onConfirm={() => run(revoke.mutateAsync({ invitationId: invitation.id }), "Invitation revoked")}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </SectionCard>
      ) : null}

      {isDirectMember ? (
        <Card className="border-destructive/30">
          <CardHeader>
            <CardTitle as="h2">Leave {org.name}</CardTitle>
            <CardDescription>You lose access to this organization. Someone will have to invite you again to come back.</CardDescription>
          </CardHeader>
          <CardContent>
            <ConfirmAction
              trigger={
                <Button variant="outline" className="border-destructive/40 text-destructive hover:bg-destructive/10 hover:text-destructive">
                  <LogOutIcon aria-hidden /> Leave organization
                </Button>
              }
              title={`Leave ${org.name}?`}
              description="You’ll lose access immediately. If you are the last owner, make someone else an owner first."
              confirmLabel="Leave organization"
              onConfirm={async () => {
                // No refetch: the list is no longer ours to read.
                await run(leave.mutateAsync(), `You left ${org.name}`, { refetchList: false });
                router.push("/");
                router.refresh();
              }}
            />
          </CardContent>
        </Card>
      ) : null}
      {list.data && list.data.members.length === 0 && list.data.inherited.length === 0 ? (
        <EmptyState icon={<UsersIcon />} title="No members" description="Invite your team to get started." />
      ) : null}
    </div>
  );
}
