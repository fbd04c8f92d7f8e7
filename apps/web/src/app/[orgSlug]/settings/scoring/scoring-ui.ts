"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import type { FactCondition, RuleDefinition, ScoreThreshold } from "@mg/api/schemas/scoring";
import { BEHAVIOUR_LABELS } from "@mg/api/schemas/scoring";
import { LIFECYCLE_LABELS } from "../../contacts/crm-ui";

type Outputs = inferRouterOutputs<AppRouter>;
export type Score = Outputs["scoring"]["scores"][number];
export type Rule = Outputs["scoring"]["rules"][number];
export type ModelStatus = Outputs["scoring"]["modelStatus"];
export type { FactCondition, RuleDefinition, ScoreThreshold };
export { BEHAVIOUR_LABELS, SCORED_BEHAVIOURS } from "@mg/api/schemas/scoring";

const list = (v: readonly string[]) => v.join(", ");

/** A rule's condition in words, for the rules table. */
export function describeRule(rule: Rule): string {
  if (rule.kind === "BEHAVIOUR") {
    const filter = (rule.condition ?? {}) as { formId?: string; pageId?: string; linkId?: string };
    const label = BEHAVIOUR_LABELS[rule.event as keyof typeof BEHAVIOUR_LABELS] ?? rule.event ?? "";
    const on = filter.formId ? " (one form)" : filter.pageId ? " (one page)" : filter.linkId ? " (one link)" : "";
    return `${label}${on}`;
  }
  const c = rule.condition as FactCondition;
  switch (c.kind) {
    case "lifecycle":
      return `Lifecycle ${c.op === "in" ? "is" : "is not"} ${list(c.values.map((s) => LIFECYCLE_LABELS[s]))}`;
    case "country":
      return `Country ${c.op === "in" ? "is" : "is not"} ${list(c.values)}`;
    case "company_size":
      return `Company size ${c.op === "in" ? "is" : "is not"} ${list(c.values)}`;
    case "has_company":
      return c.value ? "Has a company" : "Has no company";
    case "job_title":
      return `Job title ${c.op === "contains_any" ? "contains" : "does not contain"} ${list(c.values)}`;
    case "email_domain":
      return c.op === "business" ? "Business email address" : c.op === "free_mail" ? "Free-mail address" : `Email domain ${c.op === "in" ? "is" : "is not"} ${list(c.values)}`;
    case "tags":
      return `Tags: ${c.op.replace("_", " ")} ${list(c.values)}`;
    case "custom":
      return "Custom field condition";
    default:
      return "Condition";
  }
}

/** "a, b ,c" → ["a", "b", "c"] */
export const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
