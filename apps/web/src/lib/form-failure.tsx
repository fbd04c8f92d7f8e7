import { Alert, AlertDescription } from "@mg/ui/alert";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import type { ApiErrorInfo } from "./errors";

/**
 * A form's failed submission (`useSchemaForm().failure`): the upgrade offer when a plan limit was
 * hit, otherwise the summary — unless field errors already say what is wrong, next to the fields.
 */
export function FormFailure({ failure, "data-testid": testId }: { failure: ApiErrorInfo | null; "data-testid"?: string }) {
  if (!failure) return null;
  if (failure.upgrade) return <UpgradePrompt upgrade={failure.upgrade} message={failure.message} />;
  if (Object.keys(failure.fieldErrors).length > 0) return null;
  return (
    <Alert variant="destructive" data-testid={testId}>
      <AlertDescription>{failure.message}</AlertDescription>
    </Alert>
  );
}
