import type { ProcedureCase } from "../procedure-cases";

export const CRM_SEGMENT_PROCEDURE_CASES: Record<string, ProcedureCase> = {};
