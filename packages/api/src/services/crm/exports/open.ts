import { companyExportSource } from "./companies";
import { contactExportSource } from "./contacts";
import { dealExportSource } from "./deals";
import type { ExportRequest, ExportSource, SourceContext } from "./source";

/** The source of an export request, whichever the object. */
export function openExportSource(ctx: SourceContext, request: ExportRequest): Promise<ExportSource> {
  switch (request.object) {
    case "CONTACT":
      return contactExportSource(ctx, request.input.scope);
    case "COMPANY":
      return companyExportSource(ctx, request.input);
    case "DEAL":
      return dealExportSource(ctx, request.input);
  }
}
