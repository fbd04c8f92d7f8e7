import type { ProcedureCase } from "../procedure-cases";

export const CRM_IMPORT_PROCEDURE_CASES: Record<string, ProcedureCase> = {};
