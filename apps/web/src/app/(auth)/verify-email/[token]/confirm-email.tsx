"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { CircleCheckIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { CardContent, CardFooter } from "@mg/ui/card";
import { apiError } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { useTRPC } from "~/trpc/client";

export function ConfirmEmail({ token, next }: { token: string; next: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions());
  const [failure, setFailure] = useState<ReturnType<typeof apiError> | null>(null);

  if (verify.isSuccess) {
    return (
      <>
        <CardContent>
          <p className="flex items-center gap-2 text-sm" role="status" data-testid="email-confirmed">
            <CircleCheckIcon className="size-5 text-success" aria-hidden /> Your email address is confirmed.
          </p>
        </CardContent>
        <CardFooter>
          <Button asChild className="w-full">
            <Link href={next}>Continue</Link>
          </Button>
        </CardFooter>
      </>
    );
  }
  return (
    <>
      {failure ? (
        <CardContent>
          <FormFailure failure={failure} />
        </CardContent>
      ) : null}
      <CardFooter className="flex-col items-stretch gap-3">
        <Button
          loading={verify.isPending}
          onClick={() => {
            setFailure(null);
            verify.mutate({ token }, { onError: (error) => setFailure(apiError(error)) });
          }}
        >
          Confirm my email
        </Button>
        <p className="text-center text-xs text-muted-foreground">Not you? Close this page: without the confirmation the account can do nothing.</p>
      </CardFooter>
    </>
  );
}
