import { createTRPCRouter } from "../../trpc/init";
import { archiveSegment } from "./archive";
import { countSegmentProcedure } from "./count";
import { createSegment } from "./create";
import { fieldCatalog } from "./field-catalog";
import { getSegment } from "./get";
import { listSegments } from "./list";
import { previewSegment } from "./preview";
import { updateSegment } from "./update";

export const segmentsRouter = createTRPCRouter({
  list: listSegments,
  get: getSegment,
  create: createSegment,
  update: updateSegment,
  archive: archiveSegment,
  count: countSegmentProcedure,
  preview: previewSegment,
  fieldCatalog,
});
