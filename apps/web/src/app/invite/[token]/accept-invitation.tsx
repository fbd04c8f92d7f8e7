"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { useTRPC } from "~/trpc/client";
import { withCallback } from "~/lib/callback-url";
import { apiError } from "~/lib/errors";

export function AcceptInvitation({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.members.accept.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const mismatch = signedInAs.toLowerCase() !== invitedEmail.toLowerCase();

  async function onAccept() {
    setError(null);
    try {
      const result = await accept.mutateAsync({ token });
      toast.success(`Welcome to ${result.organizationName}`);
      router.push(`/${result.organizationSlug}`);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <>
      {error ? (
        <Alert variant="destructive" data-testid="accept-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <p className="text-sm text-muted-foreground">
        Signed in as <span className="font-medium text-foreground">{signedInAs}</span>
        {mismatch ? " — a different address than the invitation." : "."}
      </p>
      <Button onClick={onAccept} loading={accept.isPending || accept.isSuccess}>
        Accept invitation
      </Button>
      <Button variant="ghost" onClick={() => void signOut({ callbackUrl: withCallback("/sign-in", `/invite/${token}`) })}>
        Use a different account
      </Button>
    </>
  );
}
