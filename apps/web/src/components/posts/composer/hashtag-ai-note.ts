import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { PLANS } from "@mg/api/plans";

export type HashtagAiStatus = inferRouterOutputs<AppRouter>["hashtags"]["suggest"]["ai"];

/**
 * What the suggestions line says about AI, from the API's own answer: whether the model was
 * asked, and if not, why (the plan, no model on this installation, or a failure). Never guessed
 * here. A failure's own text (a model server's address, a key's error) is the operator's: the
 * customer hears that it failed, not why.
 */
export function hashtagAiNote(ai: HashtagAiStatus): { tone: "muted" | "warning"; text: string } {
  const rest = "Suggestions come from your history and the post’s keywords.";
  if (ai.notInPlan) {
    const plan = PLANS[ai.notInPlan.plan].name;
    const suggested = ai.notInPlan.suggestedPlan && ai.notInPlan.suggestedPlan !== ai.notInPlan.plan ? PLANS[ai.notInPlan.suggestedPlan].name : null;
    return { tone: "muted", text: `AI suggestions are not included in your plan (${plan})${suggested ? `; ${suggested} includes them` : ""}. ${rest}` };
  }
  if (ai.error) return { tone: "warning", text: `AI suggestions failed this time. ${rest}` };
  if (ai.used) return { tone: "muted", text: "Includes AI suggestions." };
  return { tone: "muted", text: `AI suggestions are not available on this installation. ${rest}` };
}
