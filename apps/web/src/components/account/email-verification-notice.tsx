"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { MailWarningIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";

/**
 * Shown to a signed-in account whose address is not confirmed yet: what is waiting on it, and a
 * new link on request. `outbox` links to the captured mail when this installation has no mail
 * server (development and tests only).
 */
export function EmailVerificationNotice({ email, blocked, outbox }: { email: string; blocked: string; outbox: boolean }) {
  const trpc = useTRPC();
  const resend = useMutation(
    trpc.auth.resendVerification.mutationOptions({
      onSuccess: ({ sentTo }) => toast.success(`We sent a new link to ${sentTo}`),
      onError: (error) => toast.error(apiError(error).message),
    }),
  );
  return (
    <Alert variant="warning" icon={<MailWarningIcon aria-hidden />} data-testid="email-verification-notice">
      <AlertTitle>Confirm your email address</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>
          We sent a link to <strong className="font-medium break-all">{email}</strong>. Open it to confirm the address — until then you can’t {blocked}.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Button size="sm" variant="outline" onClick={() => resend.mutate()} loading={resend.isPending}>
            Send a new link
          </Button>
          {outbox ? (
            <Link href={`/dev/outbox?to=${encodeURIComponent(email)}`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Open the dev outbox
            </Link>
          ) : null}
        </div>
      </AlertDescription>
    </Alert>
  );
}
