import type { Metadata } from "next";
import { ShieldAlertIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { integrationsEnv } from "@mg/integrations/env";
import { zodFieldErrors } from "~/lib/errors";
import { callbackUrl, parseAuthorizationParams, sandboxProfileSchema } from "../sandbox-consent";
import { ConsentForm } from "./consent-form";

export const metadata: Metadata = { title: "Sandbox · Authorize" };

export default async function SandboxAuthorizePage({ searchParams }: PageProps<"/sandbox/authorize">) {
  const search = await searchParams;
  const parsed = parseAuthorizationParams(search, integrationsEnv().APP_URL);
  if (!parsed.ok) {
    return (
      <Card data-testid="sandbox-consent-invalid">
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2 text-lg">
            <ShieldAlertIcon className="size-5 text-destructive" aria-hidden />
            This sign-in link does not work
          </CardTitle>
          <CardDescription>{parsed.reason} Go back to the app and start connecting again.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  // Sent back by the decision route with what was typed, when it was not a valid profile.
  const initial = { name: typeof search.name === "string" ? search.name : "", handle: typeof search.handle === "string" ? search.handle : "" };
  const check = search.invalid === "1" ? sandboxProfileSchema.safeParse(initial) : null;
  const initialErrors = check && !check.success ? zodFieldErrors(check.error.issues) : {};
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-lg">
          Marketing Genius wants to post to your Sandbox profile
        </CardTitle>
        <CardDescription>Sandbox is a test network: nothing leaves this server. Choose the profile the app may publish to.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <ul className="grid gap-1.5 text-sm text-muted-foreground">
          <li>• Publish posts and first comments as this profile</li>
          <li>• Read engagement of the posts it publishes</li>
        </ul>
        <ConsentForm denyUrl={callbackUrl(parsed.value, { error: "access_denied" })} params={parsed.value} initial={initial} initialErrors={initialErrors} />
      </CardContent>
    </Card>
  );
}
