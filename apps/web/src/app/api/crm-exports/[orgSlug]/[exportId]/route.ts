import { crmExportDownload } from "@mg/api/crm-export-download";
import { getSessionUser } from "@mg/api/auth";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ orgSlug: string; exportId: string }> };

// Who may read which file, and how it streams, is the API package's (crmExportDownload).
export async function GET(req: Request, context: RouteContext): Promise<Response> {
  return crmExportDownload(req, { getUser: getSessionUser }, await context.params);
}
