import type { TenantDb } from "@mg/db";
import { BEHAVIOUR_LABELS, type BehaviourFilter } from "../../schemas/scoring";
import { describeFact, factHolds, loadContactFacts } from "./contact-facts";
import { insertEntries, lockContacts, recomputeTotals, ruleStanding, underCap, type LedgerEntry } from "./ledger";
import { loadSetup, type BehaviourRule, type FactRule, type ScoringSetup } from "./rules";
import { applyThresholds, type ThresholdOutcome } from "./thresholds";

export type ScoredBehaviour = "form_submitted" | "page_visited" | "link_clicked" | "email_opened" | "email_clicked";

export interface BehaviourEvent {
  contactId: string;
  event: ScoredBehaviour;
  /** What it was on: the form, page or link (rules may filter on it). */
  subject?: { formId?: string; pageId?: string; linkId?: string };
  /** Idempotency: the fact that happened ("submission:{id}"); a retry scores nothing twice. */
  sourceKey: string;
  occurredAt: Date;
}

export interface ScoringResult {
  /** Entries written now (0 for a retry of something already scored). */
  entries: number;
  thresholds: ThresholdOutcome[];
}

const NOTHING: ScoringResult = { entries: 0, thresholds: [] };

function filterMatches(filter: BehaviourFilter, subject: BehaviourEvent["subject"]): boolean {
  if (filter.formId && filter.formId !== subject?.formId) return false;
  if (filter.pageId && filter.pageId !== subject?.pageId) return false;
  if (filter.linkId && filter.linkId !== subject?.linkId) return false;
  return true;
}

/** Writes entries, recomputes the totals they touch and acts on thresholds crossed. */
async function settle(db: TenantDb, organizationId: string, setup: ScoringSetup, entries: readonly LedgerEntry[]): Promise<ScoringResult> {
  const written = await insertEntries(db, organizationId, entries);
  if (written.length === 0) return NOTHING;
  const changes = await recomputeTotals(
    db,
    organizationId,
    written.map((w) => w.contactId),
    written.map((w) => w.scoreId),
  );
  const thresholds = await applyThresholds(db, organizationId, setup.scores, changes);
  // A threshold may have moved the lifecycle stage, which fact rules may read.
  if (thresholds.some((t) => t.lifecycleTo) && setup.facts.length > 0) {
    const again = await factEntries(db, organizationId, setup, [...new Set(thresholds.filter((t) => t.lifecycleTo).map((t) => t.contactId))]);
    if (again.length > 0) {
      const more = await settle(db, organizationId, setup, again);
      return { entries: written.length + more.entries, thresholds: [...thresholds, ...more.thresholds] };
    }
  }
  return { entries: written.length, thresholds };
}

/**
 * Scores a behaviour of a contact against the organization's rules, inside the caller's
 * transaction (a form intake, a link click). Each matching rule writes one entry keyed
 * `{sourceKey}:rule:{ruleId}`: a retry of the same submission writes nothing (ON CONFLICT DO
 * NOTHING), while a second submission — another source key — counts again (Mautic #929). A rule
 * with a cap gives only what is left under it; the entry says so (0 points once the cap is reached,
 * so the "why" list explains the missing points). Totals, contacts.score and thresholds follow
 * in the same transaction.
 */
export async function scoreBehaviour(db: TenantDb, organizationId: string, event: BehaviourEvent, options: { setup?: ScoringSetup } = {}): Promise<ScoringResult> {
  // `setup`: a caller scoring many events at once (the demo, a backfill) reads the rules once.
  const setup = options.setup ?? (await loadSetup(db));
  const rules = setup.behaviours.filter((r) => r.event === event.event && filterMatches(r.filter, event.subject));
  if (rules.length === 0) return NOTHING;
  const [locked] = await lockContacts(db, organizationId, [event.contactId]);
  if (!locked) return NOTHING;
  const standing = await ruleStanding(db, organizationId, [event.contactId]);
  const entries = rules.map((rule: BehaviourRule): LedgerEntry => {
    const net = standing.get(`${event.contactId}:${rule.id}`)?.net ?? 0;
    const points = underCap(rule.points, net, rule.cap);
    const what = BEHAVIOUR_LABELS[event.event];
    const reason =
      points === rule.points
        ? what
        : points === 0
          ? `${what} — cap of ${rule.cap} reached, no points`
          : `${what} — ${points} of ${rule.points} points (cap of ${rule.cap})`;
    return { contactId: event.contactId, scoreId: rule.scoreId, ruleId: rule.id, points, reason, sourceKey: `${event.sourceKey}:rule:${rule.id}`, occurredAt: event.occurredAt };
  });
  return settle(db, organizationId, setup, entries);
}

/**
 * The fact entries that bring each contact's fact-rule contributions to what the rules say now:
 * a rule that holds gives its points (within its cap) once; one that no longer holds — or was
 * paused or archived — takes back what it gave. Keyed `fact:{ruleId}:{contactId}:{n}` (n = the
 * n-th change of that rule for the contact): two runs that see the same state write the same key,
 * so only one of them counts.
 */
async function factEntries(db: TenantDb, organizationId: string, setup: ScoringSetup, contactIds: readonly string[], now: Date = new Date()): Promise<LedgerEntry[]> {
  const [facts, standing, factRuleIds] = await Promise.all([
    loadContactFacts(db, contactIds),
    ruleStanding(db, organizationId, contactIds),
    db.scoreRule.findMany({ where: { kind: "FACT" }, select: { id: true, name: true, scoreId: true } }),
  ]);
  const active = new Map(setup.facts.map((r) => [r.id, r]));
  const entries: LedgerEntry[] = [];
  for (const contactId of contactIds) {
    const contact = facts.get(contactId);
    if (!contact) continue;
    for (const rule of factRuleIds) {
      const live: FactRule | undefined = active.get(rule.id);
      const current = standing.get(`${contactId}:${rule.id}`);
      const holds = live ? factHolds(live.condition, contact, now) : false;
      const wanted = live && holds ? underCap(live.points, 0, live.cap) : 0;
      const delta = wanted - (current?.net ?? 0);
      if (delta === 0) continue;
      const reason = !live ? `Rule "${rule.name}" was paused or archived` : holds ? `Now true: ${describeFact(live.condition)}` : `No longer true: ${describeFact(live.condition)}`;
      entries.push({
        contactId,
        scoreId: live?.scoreId ?? current?.scoreId ?? rule.scoreId,
        ruleId: rule.id,
        points: delta,
        reason: wanted !== 0 && current && current.net !== 0 ? `${reason} (points changed from ${current.net} to ${wanted})` : reason,
        sourceKey: `fact:${rule.id}:${contactId}:${(current?.entries ?? 0) + 1}`,
        occurredAt: now,
      });
    }
  }
  return entries;
}

/** Re-evaluates a contact's fact rules after its fields changed (the caller's transaction). */
export async function rescoreFacts(db: TenantDb, organizationId: string, contactId: string): Promise<ScoringResult> {
  return rescoreFactsMany(db, organizationId, [contactId]);
}

/** rescoreFacts for many contacts at once (a recompute, an import's follow-up). */
export async function rescoreFactsMany(db: TenantDb, organizationId: string, contactIds: readonly string[], setupGiven?: ScoringSetup): Promise<ScoringResult> {
  const setup = setupGiven ?? (await loadSetup(db));
  const anyFactRule = setup.facts.length > 0 || (await db.scoreRule.count({ where: { kind: "FACT" } })) > 0;
  if (!anyFactRule || contactIds.length === 0) return NOTHING;
  const locked = await lockContacts(db, organizationId, contactIds);
  if (locked.length === 0) return NOTHING;
  return settle(db, organizationId, setup, await factEntries(db, organizationId, setup, locked));
}
