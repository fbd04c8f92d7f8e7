import { createTRPCRouter } from "../../trpc/init";
import { archivePipelineProcedure } from "./archive";
import { createPipelineProcedure } from "./create";
import { listPipelines } from "./list";
import { setDefaultPipelineProcedure } from "./set-default";
import { setPipelineStages } from "./set-stages";
import { updatePipeline } from "./update";

export const pipelinesRouter = createTRPCRouter({
  list: listPipelines,
  create: createPipelineProcedure,
  update: updatePipeline,
  setStages: setPipelineStages,
  setDefault: setDefaultPipelineProcedure,
  archive: archivePipelineProcedure,
});
