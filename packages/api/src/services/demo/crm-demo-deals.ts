import { generateNKeysBetween } from "fractional-indexing";
import type { StageKind, TaskPriority, TenantDb } from "@mg/db";
import { resolveLocalTime, shiftLocalDays, toLocalTime } from "@mg/scheduling";
import type { ActivityKindName } from "../../schemas/crm/activity";
import { createPipeline } from "../crm/pipelines";
import { recordActivities, type ActivityInput } from "../crm/timeline";

/**
 * Demo deals for Northwind Bakery: two pipelines ("New business" with the default stages,
 * "Wholesale accounts" with its own), deals in every stage with the stage history they went
 * through (backdated, so the forecast and velocity have something to show), the timeline events
 * that history implies, and tasks overdue, due today and upcoming. Deterministic: one seeded
 * generator; relative to the day it runs so "this month" always has deals. Idempotent: a second
 * run finds "New business" and does nothing.
 */

const DAY = 86_400_000;

/** mulberry32: small, fast, deterministic. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)],
  };
}

interface DealSpec {
  name: string;
  /** Major units. */
  amount: number;
  /** Index into the pipeline's stages. */
  stage: number;
  lostReason?: string;
}

const NEW_BUSINESS: DealSpec[] = [
  { name: "Riverside Café — daily pastries", amount: 18_400, stage: 0 },
  { name: "Greenway Hotel breakfast buffet", amount: 42_000, stage: 0 },
  { name: "Maple Street School lunches", amount: 26_500, stage: 0 },
  { name: "Harbor Gym protein bars", amount: 7_800, stage: 0 },
  { name: "City Library event catering", amount: 3_200, stage: 0 },
  { name: "Oakwood Office weekly bread", amount: 9_600, stage: 1 },
  { name: "Sunset Weddings — cake partner", amount: 31_000, stage: 1 },
  { name: "Bluebell Deli sourdough", amount: 12_300, stage: 1 },
  { name: "Pinecrest Care Home", amount: 22_750, stage: 1 },
  { name: "Summit Conference 2027", amount: 15_000, stage: 2 },
  { name: "Northside Market stall", amount: 6_400, stage: 2 },
  { name: "Lakeside Resort brunch", amount: 38_900, stage: 2 },
  { name: "Old Town Coffee Co.", amount: 14_200, stage: 3 },
  { name: "Hillview Hospital cafeteria", amount: 51_000, stage: 3 },
  { name: "Bright Start Nursery", amount: 8_800, stage: 3 },
  { name: "Metro Co-working snacks", amount: 4_900, stage: 3 },
  { name: "Seaside Festival", amount: 11_500, stage: 3 },
  { name: "Cornerstone Church bake sale", amount: 1_200, stage: 4, lostReason: "Chose a volunteer bake-off" },
  { name: "Atlas Fitness chain", amount: 27_000, stage: 4, lostReason: "Went with a national supplier" },
  { name: "Elm Park Bistro", amount: 9_900, stage: 4, lostReason: "Budget cut this quarter" },
];

const WHOLESALE: DealSpec[] = [
  { name: "FreshMart — 12 stores", amount: 96_000, stage: 0 },
  { name: "Corner Grocers co-op", amount: 24_000, stage: 0 },
  { name: "Valley Farm Shop", amount: 7_500, stage: 1 },
  { name: "GoodFood Online", amount: 33_000, stage: 1 },
  { name: "Railway Station kiosks", amount: 18_000, stage: 2 },
  { name: "Airport Lounge pastries", amount: 45_000, stage: 2 },
  { name: "Bayside Supermarket", amount: 62_500, stage: 3 },
  { name: "University canteens", amount: 28_800, stage: 3 },
  { name: "Petrol station chain", amount: 19_000, stage: 4, lostReason: "Needed national delivery" },
];

const WHOLESALE_STAGES = [
  { name: "Sample sent", probability: 20, kind: "OPEN" as StageKind },
  { name: "Tasting", probability: 40, kind: "OPEN" as StageKind },
  { name: "Terms agreed", probability: 75, kind: "OPEN" as StageKind },
  { name: "Won", probability: 100, kind: "WON" as StageKind },
  { name: "Lost", probability: 0, kind: "LOST" as StageKind },
];

const TASKS: { title: string; dayOffset: number; time: string; priority: TaskPriority; onDeal?: number }[] = [
  { title: "Send revised quote to Greenway Hotel", dayOffset: -3, time: "10:00", priority: "HIGH", onDeal: 1 },
  { title: "Follow up on tasting feedback", dayOffset: -1, time: "14:30", priority: "NORMAL", onDeal: 6 },
  { title: "Call Sunset Weddings about the cake menu", dayOffset: 0, time: "11:00", priority: "HIGH", onDeal: 6 },
  { title: "Prepare sample box for FreshMart", dayOffset: 0, time: "16:00", priority: "NORMAL" },
  { title: "Confirm delivery slots with Lakeside Resort", dayOffset: 1, time: "09:30", priority: "NORMAL", onDeal: 11 },
  { title: "Draft contract for Hillview Hospital", dayOffset: 3, time: "10:00", priority: "LOW", onDeal: 13 },
  { title: "Quarterly review with Old Town Coffee Co.", dayOffset: 8, time: "15:00", priority: "NORMAL", onDeal: 12 },
  { title: "Check allergen labels for the school menu", dayOffset: 12, time: "09:00", priority: "LOW", onDeal: 2 },
];

/** The instant of a wall time in `timezone` (a time in a DST gap: the first valid one after it). */
function instantOf(timezone: string, localTime: string): Date {
  const r = resolveLocalTime(timezone, localTime, "earlier");
  return r.kind === "gap" ? r.suggestion.instant : r.kind === "ok" ? r.instant : r.options[0].instant;
}

function addMonthsToDate(date: string, months: number, day: number): string {
  const [y = 1970, m = 1] = date.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export async function seedCrmDeals(db: TenantDb, org: { id: string; timezone: string }, refs: { contactIds: string[]; companyIds: string[]; memberUserIds: string[] }): Promise<void> {
  if (await db.pipeline.findFirst({ where: { name: "New business" }, select: { id: true } })) return;
  const rand = generator(0x0b5e55ed);
  const now = new Date();
  const today = toLocalTime(now, org.timezone).slice(0, 10);
  const owners = refs.memberUserIds.length ? refs.memberUserIds : [null];

  const newBusiness = await createPipeline(db, org.id, { name: "New business", currency: "USD" });
  const wholesale = await createPipeline(db, org.id, { name: "Wholesale accounts", currency: "USD", stages: WHOLESALE_STAGES });
  const dealIds: string[] = [];

  for (const [pipeline, specs] of [
    [newBusiness, NEW_BUSINESS],
    [wholesale, WHOLESALE],
  ] as const) {
    const stages = pipeline.stages;
    const positions = new Map(stages.map((s) => [s.id, generateNKeysBetween(null, null, specs.filter((d) => stages[d.stage]?.id === s.id).length)]));
    const events: ActivityInput<ActivityKindName>[] = [];
    for (const spec of specs) {
      const stage = stages[spec.stage];
      if (!stage) continue;
      const contactIds = refs.contactIds.length ? [...new Set([rand.pick(refs.contactIds), rand.pick(refs.contactIds)].filter((c): c is string => c !== undefined))].slice(0, rand.int(1, 2)) : [];
      const companyId = refs.companyIds.length ? (rand.pick(refs.companyIds) ?? null) : null;
      const ownerUserId = owners[dealIds.length % owners.length] ?? null;
      const closed = stage.kind !== "OPEN";
      // The path it took: open stages in order up to where it is (a lost deal fell out of one of them).
      const openPath = stages.map((_, i) => i).filter((i) => stages[i]?.kind === "OPEN");
      const reached = closed ? openPath.slice(0, stage.kind === "WON" ? openPath.length : rand.int(1, openPath.length)) : openPath.filter((i) => i <= spec.stage);
      const path = [...reached, ...(closed ? [spec.stage] : [])];
      const ageDays = rand.int(10 + path.length * 6, 40 + path.length * 25);
      const createdAt = new Date(now.getTime() - ageDays * DAY);
      const stepMs = (now.getTime() - createdAt.getTime() - DAY) / path.length;
      const times = path.map((_, i) => new Date(createdAt.getTime() + Math.round(i * stepMs * (0.7 + 0.3 * rand.next()))));
      const closedAt = closed ? (times[times.length - 1] ?? now) : null;
      const position = positions.get(stage.id)?.shift() ?? "a0";
      const amountMinor = BigInt(spec.amount) * 100n;
      const deal = await db.deal.create({
        data: {
          organizationId: org.id,
          pipelineId: pipeline.id,
          stageId: stage.id,
          name: spec.name,
          amountMinor,
          currency: "USD",
          position,
          expectedCloseOn: closed ? (closedAt?.toISOString().slice(0, 10) ?? null) : addMonthsToDate(today, rand.int(0, 4), rand.int(1, 28)),
          ownerUserId,
          companyId,
          lostReason: spec.lostReason ?? null,
          closedAt,
          createdById: ownerUserId,
          createdAt,
        },
        select: { id: true },
      });
      dealIds.push(deal.id);
      if (contactIds.length) await db.dealContact.createMany({ data: contactIds.map((contactId) => ({ organizationId: org.id, dealId: deal.id, contactId })) });
      await db.dealStageChange.createMany({
        data: path.map((stageIndex, i) => ({
          organizationId: org.id,
          dealId: deal.id,
          fromStageId: i === 0 ? null : (stages[path[i - 1] ?? 0]?.id ?? null),
          toStageId: stages[stageIndex]?.id ?? stage.id,
          amountMinor,
          changedById: ownerUserId,
          changedAt: times[i] ?? createdAt,
        })),
      });
      const targets = [{ dealId: deal.id }, ...contactIds.map((contactId) => ({ contactId }))];
      for (const target of targets) {
        const about = { dealId: deal.id, dealName: spec.name };
        events.push({ kind: "DEAL_CREATED", payload: { name: spec.name, amountMinor: amountMinor.toString(), currency: "USD", dealId: deal.id }, ...target, actorUserId: ownerUserId, occurredAt: createdAt });
        path.slice(1).forEach((stageIndex, i) => {
          const from = stages[path[i] ?? 0];
          const to = stages[stageIndex];
          if (!from || !to) return;
          const occurredAt = times[i + 1] ?? now;
          events.push({ kind: "STAGE_CHANGED", payload: { fromStage: from.name, toStage: to.name, pipeline: pipeline.name, ...about }, ...target, actorUserId: ownerUserId, occurredAt });
          if (to.kind === "WON") events.push({ kind: "DEAL_WON", payload: { name: spec.name, amountMinor: amountMinor.toString(), currency: "USD", dealId: deal.id }, ...target, actorUserId: ownerUserId, occurredAt });
          if (to.kind === "LOST") events.push({ kind: "DEAL_LOST", payload: { name: spec.name, reason: spec.lostReason ?? null, dealId: deal.id }, ...target, actorUserId: ownerUserId, occurredAt });
        });
      }
    }
    await recordActivities(db, org.id, events);
  }

  for (const task of TASKS) {
    const localTime = `${shiftLocalDays(`${today}T00:00`, task.dayOffset).slice(0, 10)}T${task.time}`;
    const dueAt = instantOf(org.timezone, localTime);
    const dealId = task.onDeal !== undefined ? (dealIds[task.onDeal] ?? null) : null;
    await db.task.create({
      data: {
        organizationId: org.id,
        title: task.title,
        timezone: org.timezone,
        localTime,
        dueAt,
        // Past due times are overdue, not news: no reminder burst when the demo loads.
        remindedAt: dueAt.getTime() < now.getTime() ? now : null,
        assigneeUserId: owners[0] ?? null,
        priority: task.priority,
        dealId,
        contactId: refs.contactIds[TASKS.indexOf(task) % Math.max(refs.contactIds.length, 1)] ?? null,
        createdById: owners[0] ?? null,
      },
    });
  }
  // One done yesterday, so "done recently" and TASK_DONE have an example.
  const done = await db.task.create({
    data: { organizationId: org.id, title: "Send price list to Bluebell Deli", timezone: org.timezone, localTime: `${shiftLocalDays(`${today}T00:00`, -1).slice(0, 10)}T10:00`, dueAt: instantOf(org.timezone, `${shiftLocalDays(`${today}T00:00`, -1).slice(0, 10)}T10:00`), remindedAt: now, doneAt: new Date(now.getTime() - DAY / 2), assigneeUserId: owners[0] ?? null, dealId: dealIds[7] ?? null, createdById: owners[0] ?? null },
    select: { id: true, title: true, dealId: true },
  });
  if (done.dealId) await recordActivities(db, org.id, [{ kind: "TASK_DONE", payload: { taskId: done.id, title: done.title }, dealId: done.dealId, actorUserId: owners[0] ?? null, occurredAt: new Date(now.getTime() - DAY / 2) }]);
}
