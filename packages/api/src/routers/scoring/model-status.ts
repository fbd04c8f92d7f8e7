import { modelStatus } from "../../services/scoring/model/train";
import { orgProcedure } from "../../trpc/init";

export const modelStatusProcedure = orgProcedure("scoring.read").query(({ ctx }) => modelStatus(ctx.db));
