import type { ProcedureCase } from "../procedure-cases";

export const CRM_DEAL_PROCEDURE_CASES: Record<string, ProcedureCase> = {};
