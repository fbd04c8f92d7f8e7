"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { toast } from "sonner";
import { CRM_EXPORT_PERMISSIONS } from "@mg/api/rbac";
import { Button } from "@mg/ui/button";
import { apiError } from "~/lib/errors";
import { useTRPCClient } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { countOf, downloadExport, type ExportRequest } from "./export-ui";

const POLL_MS = 1_000;

/**
 * Export as CSV, of any size: a small file downloads at once; a large one is prepared in the
 * background — the button shows its progress and the file downloads when it is ready (it also
 * stays in Exports for a week, so leaving the page loses nothing).
 */
export function ExportButton({ request, label = "Export CSV", size, variant = "outline" }: { request: ExportRequest; label?: string; size?: "sm" | "default"; variant?: "outline" | "ghost" }) {
  const client = useTRPCClient();
  const router = useRouter();
  const { can, slug } = useOrg();
  const [percent, setPercent] = useState<number | null>(null);
  // Polling stops when the button goes away; the export goes on and waits in Exports.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const openExports = { label: "Open Exports", onClick: () => router.push(`/${slug}/contacts/exports`) };

  const start = () => {
    switch (request.object) {
      case "CONTACT":
        return client.crmExports.startContacts.mutate(request.input);
      case "COMPANY":
        return client.crmExports.startCompanies.mutate(request.input);
      case "DEAL":
        return client.crmExports.startDeals.mutate(request.input);
    }
  };

  const run = useMutation({
    mutationFn: async (): Promise<{ id: string; rows: number } | null> => {
      const started = await start();
      if (started.downloadable) return { id: started.id, rows: started.totalRows };
      toast(`Preparing ${countOf(request.object, started.totalRows)}…`, { description: "The file downloads here when it is ready, and stays in Exports for 7 days.", action: openExports });
      setPercent(started.percent);
      while (mounted.current) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const current = await client.crmExports.get.query({ exportId: started.id });
        if (current.status === "DONE") return { id: current.id, rows: current.processedRows };
        if (current.status !== "QUEUED" && current.status !== "RUNNING") throw new Error(current.problem ?? "The export was cancelled.");
        setPercent(current.percent);
      }
      return null;
    },
    onSuccess: (file) => {
      if (!file) return;
      downloadExport(slug, file.id);
      toast.success(`Exported ${countOf(request.object, file.rows)}.`);
    },
    onError: (error) => toast.error(apiError(error).message, { action: openExports }),
    onSettled: () => setPercent(null),
  });

  // Which permission an object needs is the API's (rbac); whether the role has it, too (can).
  if (!can(CRM_EXPORT_PERMISSIONS[request.object])) return null;
  return (
    <Button type="button" variant={variant} size={size} onClick={() => run.mutate()} disabled={run.isPending} data-testid="export-button">
      <DownloadIcon aria-hidden /> {percent !== null ? `Preparing… ${percent}%` : run.isPending ? "Exporting…" : label}
    </Button>
  );
}
