import type { ProcedureCase } from "../procedure-cases";

export const SOCIAL_PROCEDURE_CASES: Record<string, ProcedureCase> = {};
