import type { ProcedureCase } from "../procedure-cases";

export const CRM_RECORD_PROCEDURE_CASES: Record<string, ProcedureCase> = {};
