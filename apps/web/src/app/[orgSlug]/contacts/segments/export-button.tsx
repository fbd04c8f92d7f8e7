"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@mg/ui/button";
import { downloadTextFile } from "~/lib/download";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { COUNT_FORMAT, type ExportScope } from "./segment-ui";

/**
 * Contacts of a segment or list as a CSV download (crmExports.contacts, as the analytics export:
 * the file comes in the answer). Above the export limit the API says so and how to narrow it.
 */
export function ExportContactsButton({ scope, label = "Export CSV" }: { scope: ExportScope; label?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useOrg();
  const download = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.crmExports.contacts.queryOptions({ scope }), staleTime: 0 }),
    onSuccess: (file) => {
      downloadTextFile(file.fileName, file.csv);
      toast.success(file.rowCount === 1 ? "Exported 1 contact." : `Exported ${COUNT_FORMAT.format(file.rowCount)} contacts.`);
    },
    onError: (error) => toast.error(apiError(error).message),
  });
  if (!can("contacts.export")) return null;
  return (
    <Button type="button" variant="outline" onClick={() => download.mutate()} disabled={download.isPending}>
      <DownloadIcon aria-hidden /> {download.isPending ? "Exporting…" : label}
    </Button>
  );
}
