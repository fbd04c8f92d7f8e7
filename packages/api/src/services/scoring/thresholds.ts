import type { LifecycleStage, TenantDb } from "@mg/db";
import { enqueueEvents } from "@mg/jobs";
import { LIFECYCLE_LABELS, type LifecycleStageName } from "../../schemas/crm/contacts";
import { LIFECYCLE_RANK } from "../crm/segments/compile";
import { recordActivities, type ActivityInput } from "../crm/timeline";
import type { TotalChange } from "./ledger";
import type { ScoreDef } from "./rules";
import { nextRoundRobinOwner } from "./round-robin";

/**
 * Thresholds: a total that crosses `atLeast` upward (before < atLeast ≤ after) moves the contact's
 * lifecycle stage forward — never back, and never out of "other" — records it on the timeline,
 * assigns an owner by round robin (only a contact nobody owns: an owned lead is not taken away)
 * and notifies the owner: an in-app alert in this transaction, and a mail through the outbox.
 * Crossing down does nothing; crossing up again (after decay) acts again.
 */
export interface ThresholdOutcome {
  contactId: string;
  scoreId: string;
  atLeast: number;
  lifecycleTo: LifecycleStageName | null;
  assignedTo: string | null;
  notified: string | null;
}

const rankOf = (stage: string) => LIFECYCLE_RANK[stage as LifecycleStageName] ?? 0;

export async function applyThresholds(db: TenantDb, organizationId: string, scores: readonly ScoreDef[], changes: readonly TotalChange[]): Promise<ThresholdOutcome[]> {
  const byId = new Map(scores.map((s) => [s.id, s]));
  const crossings = changes.flatMap((change) => {
    const score = byId.get(change.scoreId);
    if (!score) return [];
    const crossed = score.thresholds.filter((t) => change.before < t.atLeast && t.atLeast <= change.after);
    return crossed.length ? [{ change, score, crossed }] : [];
  });
  if (crossings.length === 0) return [];
  const contacts = await db.contact.findMany({
    where: { id: { in: [...new Set(crossings.map((c) => c.change.contactId))] }, deletedAt: null, mergedIntoId: null },
    select: { id: true, lifecycleStage: true, ownerUserId: true },
  });
  const state = new Map(contacts.map((c) => [c.id, { ...c }]));
  const events: ActivityInput<"FIELD_CHANGED">[] = [];
  const outcomes: ThresholdOutcome[] = [];
  for (const { change, score, crossed } of crossings) {
    const contact = state.get(change.contactId);
    if (!contact) continue;
    const actorLabel = `Lead scoring: ${score.label}`.slice(0, 200);
    events.push({ kind: "FIELD_CHANGED", contactId: contact.id, actorLabel, payload: { field: `${score.label} score`.slice(0, 200), from: String(change.before), to: `${change.after} (reached ${crossed.map((t) => t.atLeast).join(", ")})` } });
    for (const t of crossed) {
      const outcome: ThresholdOutcome = { contactId: contact.id, scoreId: score.id, atLeast: t.atLeast, lifecycleTo: null, assignedTo: null, notified: null };
      if (t.lifecycleStage && contact.lifecycleStage !== "OTHER" && rankOf(t.lifecycleStage) > rankOf(contact.lifecycleStage)) {
        events.push({ kind: "FIELD_CHANGED", contactId: contact.id, actorLabel, payload: { field: "Lifecycle stage", from: LIFECYCLE_LABELS[contact.lifecycleStage], to: LIFECYCLE_LABELS[t.lifecycleStage] } });
        await db.contact.updateMany({ where: { id: contact.id }, data: { lifecycleStage: t.lifecycleStage as LifecycleStage } });
        contact.lifecycleStage = t.lifecycleStage;
        outcome.lifecycleTo = t.lifecycleStage;
      }
      if (t.assignRoundRobin && !contact.ownerUserId) {
        const owner = await nextRoundRobinOwner(db, organizationId);
        if (owner) {
          await db.contact.updateMany({ where: { id: contact.id }, data: { ownerUserId: owner } });
          const member = await db.membership.findFirst({ where: { userId: owner }, select: { user: { select: { name: true, email: true } } } });
          events.push({ kind: "FIELD_CHANGED", contactId: contact.id, actorLabel, payload: { field: "Owner", from: null, to: member ? (member.user.name ?? member.user.email) : null } });
          contact.ownerUserId = owner;
          outcome.assignedTo = owner;
        }
      }
      if (t.notifyOwner && contact.ownerUserId) {
        const key = `lead-qualified:${contact.id}:${score.id}:${t.atLeast}:${change.after}:${Date.now()}`;
        await db.alert.createMany({
          data: [{ organizationId, kind: "LEAD_QUALIFIED", title: `Lead qualified on ${score.label}`.slice(0, 300), body: `A contact reached ${change.after} (threshold ${t.atLeast}).`, dedupeKey: key }],
          skipDuplicates: true,
        });
        await enqueueEvents(db, organizationId, [
          { name: "scoring/lead.qualified", id: key, data: { organizationId, contactId: contact.id, userId: contact.ownerUserId, scoreLabel: score.label.slice(0, 100), total: change.after, atLeast: t.atLeast } },
        ]);
        outcome.notified = contact.ownerUserId;
      }
      outcomes.push(outcome);
    }
  }
  await recordActivities(db, organizationId, events);
  return outcomes;
}
