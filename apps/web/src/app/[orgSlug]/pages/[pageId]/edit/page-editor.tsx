"use client";

// Puck's stylesheet without its external font import (rsms.me): no third-party request, and the
// app's CSP would refuse it anyway. Imported here only, so no other route loads it.
import "@puckeditor/core/no-external.css";
import { useMemo, useState } from "react";
import Link from "next/link";
import { Puck, type Data } from "@puckeditor/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, CalendarClockIcon, HistoryIcon, MonitorIcon, SettingsIcon, SmartphoneIcon } from "lucide-react";
import { toast } from "sonner";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { brandingCssVariables, contextMetadata, PAGE_CSS, pageConfig, readBranding, withFormOptions, type PageConfig, type PageData } from "@mg/pages";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../../org-context";
import { PageStatus } from "../../pages-view";
import { publicPageUrl } from "../../page-links";
import { PageSettingsSheet } from "./page-settings-sheet";
import { ScheduleDialog } from "./schedule-dialog";
import { useAutosave, type SaveState } from "./use-autosave";
import { VersionsDialog } from "./versions-dialog";

const VIEWPORTS = [
  { width: 360, label: "Mobile", icon: <SmartphoneIcon aria-hidden className="size-4" /> },
  { width: 1280, label: "Desktop", icon: <MonitorIcon aria-hidden className="size-4" /> },
];

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === "saved" ? (state.at ? "Saved" : "All changes saved") : state.kind === "pending" ? "Unsaved changes" : state.kind === "saving" ? "Saving…" : state.kind === "invalid" ? "Not saved: fix the highlighted problem" : state.kind === "conflict" ? "Not saved: changed elsewhere" : "Not saved";
  return (
    <span role="status" aria-live="polite" className="text-sm whitespace-nowrap text-muted-foreground" data-testid="save-status">
      {text}
    </span>
  );
}

/** /[org]/pages/[id]/edit: Puck with the block library, autosave, preview viewports, settings, publishing. */
export function PageEditor({ pageId }: { pageId: string }) {
  const trpc = useTRPC();
  const page = useQuery(trpc.pages.get.queryOptions({ pageId }));
  // The Form block picks one of the organization's forms (a plain id field if they cannot be read).
  const forms = useQuery(trpc.forms.list.queryOptions({}));
  if (page.isError)
    return (
      <Alert variant="destructive">
        <AlertDescription>{apiError(page.error).message}</AlertDescription>
      </Alert>
    );
  if (page.isPending || forms.isPending) return <Skeleton className="h-[70vh]" role="status" aria-label="Loading the editor" />;
  return <LoadedEditor key={`${page.data.id}:${page.dataUpdatedAt}`} page={page.data} forms={forms.data ?? null} />;
}

export type LoadedPage = inferRouterOutputs<AppRouter>["pages"]["get"];

function LoadedEditor({ page, forms }: { page: LoadedPage; forms: readonly { id: string; name: string }[] | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, org, can } = useOrg();
  const editable = can("pages.edit");
  const mayPublish = can("pages.publish");
  const autosave = useAutosave(page.id, page.draftRevision, page.draft);
  const publish = useMutation(trpc.pages.publish.mutationOptions());
  const [panel, setPanel] = useState<"settings" | "versions" | "schedule" | null>(null);

  const config = useMemo<PageConfig>(() => {
    // The page's own stylesheet and branding inside the preview iframe, as visitors will see it.
    const css = `:root{${brandingCssVariables(readBranding(org.branding))}}${PAGE_CSS}`;
    const base = forms ? withFormOptions(pageConfig, forms) : pageConfig;
    return {
      ...base,
      root: {
        ...base.root,
        render: ({ children }) => (
          <>
            <style>{css}</style>
            <main id="main" className="mg-main">
              {children}
            </main>
          </>
        ),
      },
    };
  }, [org.branding, forms]);
  const metadata = useMemo(() => contextMetadata({ mode: "editor", timeZone: org.timezone, locale: "en", forms: {}, aboveFold: new Set(), now: new Date() }), [org.timezone]);

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.pages.get.queryKey({ pageId: page.id }) }), queryClient.invalidateQueries({ queryKey: trpc.pages.list.queryKey() })]);

  async function onPublish() {
    if (!(await autosave.flush())) {
      toast.error("Save the page before publishing (see the message above the editor).");
      return;
    }
    try {
      const result = await publish.mutateAsync({ pageId: page.id, draftRevision: autosave.revision() });
      toast.success(`Published version ${result.number}`, { action: { label: "Open", onClick: () => window.open(publicPageUrl(slug, page.slug), "_blank", "noopener") } });
      await queryClient.invalidateQueries({ queryKey: trpc.pages.list.queryKey() });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  const problem = autosave.state.kind === "conflict" || autosave.state.kind === "invalid" || autosave.state.kind === "error" ? autosave.state : null;

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="ghost" size="sm">
          <Link href={`/${slug}/pages`}>
            <ArrowLeftIcon aria-hidden /> Pages
          </Link>
        </Button>
        <h1 className="text-lg font-semibold">{page.name}</h1>
        <PageStatus page={page} />
        <span className="ml-auto" />
        <SaveStatus state={autosave.state} />
        <Button variant="outline" size="sm" onClick={() => setPanel("settings")}>
          <SettingsIcon aria-hidden /> Settings
        </Button>
        <Button variant="outline" size="sm" onClick={() => setPanel("versions")}>
          <HistoryIcon aria-hidden /> Versions
        </Button>
        {mayPublish ? (
          <>
            <Button variant="outline" size="sm" onClick={() => setPanel("schedule")}>
              <CalendarClockIcon aria-hidden /> Schedule
            </Button>
            <Button size="sm" onClick={() => void onPublish()} disabled={publish.isPending || autosave.state.kind === "conflict"} data-testid="publish-page">
              {publish.isPending ? "Publishing…" : page.live ? "Publish changes" : "Publish"}
            </Button>
          </>
        ) : null}
      </div>
      {page.draftProblem ? (
        <Alert variant="warning">
          <AlertTitle>The saved draft could not be opened</AlertTitle>
          <AlertDescription>{page.draftProblem}. The editor started from an empty page; the published version is unchanged.</AlertDescription>
        </Alert>
      ) : null}
      {problem ? (
        <Alert variant="destructive" data-testid="save-problem">
          <AlertTitle>{problem.kind === "conflict" ? "This page was changed elsewhere" : "Your latest changes are not saved"}</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-3">
            {problem.message}
            {problem.kind === "conflict" ? (
              <Button size="sm" variant="outline" onClick={() => void refresh()}>
                Reload the latest version
              </Button>
            ) : problem.kind === "error" ? (
              <Button size="sm" variant="outline" onClick={() => void autosave.flush()}>
                Try again
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="overflow-hidden rounded-lg border" data-testid="page-editor">
        <Puck
          config={config}
          data={page.draft as Data}
          onChange={(data) => autosave.onChange(data as PageData)}
          viewports={VIEWPORTS}
          metadata={metadata}
          headerTitle={page.name}
          renderHeaderActions={() => <></>}
          permissions={editable ? undefined : { drag: false, duplicate: false, delete: false, edit: false, insert: false }}
          height="calc(100vh - 11rem)"
        />
      </div>
      <PageSettingsSheet page={page} open={panel === "settings"} onOpenChange={(o) => setPanel(o ? "settings" : null)} editable={editable} onSaved={refresh} />
      <VersionsDialog pageId={page.id} open={panel === "versions"} onOpenChange={(o) => setPanel(o ? "versions" : null)} mayPublish={mayPublish} live={page.live} onChanged={refresh} />
      {mayPublish ? <ScheduleDialog page={page} open={panel === "schedule"} onOpenChange={(o) => setPanel(o ? "schedule" : null)} timezone={org.timezone} onSaved={refresh} /> : null}
    </div>
  );
}
