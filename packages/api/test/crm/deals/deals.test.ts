import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { freshCompany, freshContact } from "./helpers";

/**
 * Pipelines and deals against the real database: default stages and their rules, fractional
 * moves (one row per drag, order kept over many moves, colliding keys rebalanced in one stage),
 * totals and weighted totals per currency in SQL, won/lost/reopen with stage history and timeline.
 */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("deals");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const owner = () => callerFor(tenant.users.OWNER, tenant.slug);

async function newPipeline(name: string) {
  return owner().pipelines.create({ name, currency: "EUR" });
}

async function boardOrder(pipelineId: string, stageId: string): Promise<string[]> {
  const board = await owner().deals.board({ pipelineId });
  return board.stages.find((s) => s.id === stageId)?.deals.map((d) => d.name) ?? [];
}

describe("pipelines", () => {
  it("creates the default stages, keeps one won and one lost stage, archives only without open deals", async () => {
    const p = await newPipeline("Sales A");
    expect(p.stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ["Qualified", 10, "OPEN"],
      ["Proposal", 30, "OPEN"],
      ["Negotiation", 60, "OPEN"],
      ["Won", 100, "WON"],
      ["Lost", 0, "LOST"],
    ]);
    // Reorder, rename, add, remove (Negotiation) in one save.
    const [q, pr, , won, lost] = p.stages;
    const edited = await owner().pipelines.setStages({
      pipelineId: p.id,
      stages: [
        { id: pr?.id, name: "Proposal sent", probability: 40, kind: "OPEN" },
        { id: q?.id, name: "Qualified", probability: 15, kind: "OPEN" },
        { name: "Contract", probability: 80, kind: "OPEN" },
        { id: won?.id, name: "Won", probability: 100, kind: "WON" },
        { id: lost?.id, name: "Lost", probability: 0, kind: "LOST" },
      ],
    });
    expect(edited.stages.map((s) => `${s.name}:${s.probability}`)).toEqual(["Proposal sent:40", "Qualified:15", "Contract:80", "Won:100", "Lost:0"]);
    // Two won stages: refused by the shared schema.
    expect(
      await outcome(
        owner().pipelines.setStages({
          pipelineId: p.id,
          stages: [
            { name: "Open", probability: 10 },
            { name: "Won", probability: 100, kind: "WON" },
            { name: "Won too", probability: 100, kind: "WON" },
            { name: "Lost", probability: 0, kind: "LOST" },
          ],
        }),
      ),
    ).toBe("BAD_REQUEST");

    const deal = await owner().deals.create({ name: "Open one", amountMinor: "1000", pipelineId: p.id });
    const refused = owner().pipelines.archive({ pipelineId: p.id, archived: true });
    await expect(refused).rejects.toThrow(/has 1 open deal/);
    // A stage holding a deal cannot be removed.
    await expect(
      owner().pipelines.setStages({ pipelineId: p.id, stages: edited.stages.filter((s) => s.id !== deal.stageId).map((s) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind })) }),
    ).rejects.toThrow(/still holds 1 deal/);
    await owner().deals.close({ dealId: deal.id, outcome: "WON" });
    const archived = await owner().pipelines.archive({ pipelineId: p.id, archived: true });
    expect(archived.archivedAt).not.toBeNull();
    expect((await owner().pipelines.list()).some((x) => x.id === p.id)).toBe(false);
  });

  it("keeps exactly one default", async () => {
    const a = await newPipeline("Default A");
    const b = await newPipeline("Default B");
    await owner().pipelines.setDefault({ pipelineId: b.id });
    const list = await owner().pipelines.list();
    expect(list.filter((p) => p.isDefault).map((p) => p.id)).toEqual([b.id]);
    expect(list[0]?.id).toBe(b.id);
    await owner().pipelines.setDefault({ pipelineId: a.id });
    expect((await owner().pipelines.list()).filter((p) => p.isDefault).map((p) => p.id)).toEqual([a.id]);
    expect(await outcome(owner().pipelines.create({ name: "default a" }))).toBe("CONFLICT");
  });
});

describe("deal moves", () => {
  it("writes only the moved deal's row per move, and keeps the order over many moves", async () => {
    const p = await newPipeline("Moves");
    const stage = p.stages[0];
    if (!stage) throw new Error("no stage");
    const names = ["A", "B", "C", "D", "E"];
    const ids: Record<string, string> = {};
    for (const name of names) ids[name] = (await owner().deals.create({ name, amountMinor: "100", pipelineId: p.id })).id;
    expect(await boardOrder(p.id, stage.id)).toEqual(names);

    // A model of the column, moved in step with the server.
    const model = [...names];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 40; i++) {
      const moving = model[rand(model.length)] ?? "A";
      const rest = model.filter((n) => n !== moving);
      const at = rand(rest.length + 1);
      const before = await systemDb().deal.findMany({ where: { organizationId: tenant.id, stageId: stage.id }, select: { id: true, position: true, updatedAt: true } });
      await owner().deals.move({ dealId: ids[moving] ?? "", stageId: stage.id, afterDealId: at > 0 ? ids[rest[at - 1] ?? ""] : null, beforeDealId: at < rest.length ? ids[rest[at] ?? ""] : null });
      rest.splice(at, 0, moving);
      model.splice(0, model.length, ...rest);
      const after = await systemDb().deal.findMany({ where: { organizationId: tenant.id, stageId: stage.id }, select: { id: true, position: true, updatedAt: true } });
      const changed = after.filter((row) => {
        const prev = before.find((b) => b.id === row.id);
        return prev?.position !== row.position || prev.updatedAt.getTime() !== row.updatedAt.getTime();
      });
      expect(changed.map((c) => c.id).filter((id) => id !== ids[moving])).toEqual([]);
    }
    expect(await boardOrder(p.id, stage.id)).toEqual(model);
    // Within a stage: no stage history beyond creation.
    expect(await systemDb().dealStageChange.count({ where: { organizationId: tenant.id, dealId: { in: Object.values(ids) } } })).toBe(names.length);
  });

  it("rebalances one stage when neighbour keys collide, leaving other stages alone", async () => {
    const p = await newPipeline("Collisions");
    const [s1, s2] = p.stages;
    if (!s1 || !s2) throw new Error("no stages");
    const x = await owner().deals.create({ name: "X", amountMinor: "1", pipelineId: p.id, stageId: s1.id });
    const y = await owner().deals.create({ name: "Y", amountMinor: "1", pipelineId: p.id, stageId: s1.id });
    const z = await owner().deals.create({ name: "Z", amountMinor: "1", pipelineId: p.id, stageId: s1.id });
    const other = await owner().deals.create({ name: "Other", amountMinor: "1", pipelineId: p.id, stageId: s2.id });
    // Two deals with the same key (what two concurrent drops without the lock would produce).
    await systemDb().deal.updateMany({ where: { id: { in: [x.id, y.id] } }, data: { position: "a5" } });
    const otherBefore = await systemDb().deal.findUniqueOrThrow({ where: { organizationId_id: { organizationId: tenant.id, id: other.id } } });
    // Equal keys are ordered by id: that is the order the board shows them in, and keeps.
    const [first, second] = [x, y].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!first || !second) throw new Error("deals");
    expect(await boardOrder(p.id, s1.id)).toEqual(["Z", first.name, second.name]);
    const moved = await owner().deals.move({ dealId: z.id, stageId: s1.id, afterDealId: first.id, beforeDealId: second.id });
    expect(moved.rebalanced).toBe(2);
    expect(await boardOrder(p.id, s1.id)).toEqual([first.name, "Z", second.name]);
    const otherAfter = await systemDb().deal.findUniqueOrThrow({ where: { organizationId_id: { organizationId: tenant.id, id: other.id } } });
    expect(otherAfter.position).toBe(otherBefore.position);
    // Neighbours in the wrong order are refused, not silently misplaced.
    expect(await outcome(owner().deals.move({ dealId: z.id, stageId: s1.id, afterDealId: second.id, beforeDealId: first.id }))).toBe("CONFLICT");
  });
});

describe("concurrent drops", () => {
  it("two deals dropped into the same gap at once both land in it, on different keys", async () => {
    const p = await newPipeline("Concurrent");
    const [s1, s2] = p.stages;
    if (!s1 || !s2) throw new Error("stages");
    const a = await owner().deals.create({ name: "A", amountMinor: "1", pipelineId: p.id, stageId: s1.id });
    const b = await owner().deals.create({ name: "B", amountMinor: "1", pipelineId: p.id, stageId: s1.id });
    const x = await owner().deals.create({ name: "X", amountMinor: "1", pipelineId: p.id, stageId: s2.id });
    const y = await owner().deals.create({ name: "Y", amountMinor: "1", pipelineId: p.id, stageId: s2.id });
    const admin = callerFor(tenant.users.ADMIN, tenant.slug);
    const [mx, my] = await Promise.all([
      owner().deals.move({ dealId: x.id, stageId: s1.id, afterDealId: a.id, beforeDealId: b.id }),
      admin.deals.move({ dealId: y.id, stageId: s1.id, afterDealId: a.id, beforeDealId: b.id }),
    ]);
    expect(mx.position).not.toBe(my.position);
    const order = await boardOrder(p.id, s1.id);
    expect(order[0]).toBe("A");
    expect(order[3]).toBe("B");
    expect(order.slice(1, 3).sort()).toEqual(["X", "Y"]);
    // And at the top: both stay above A.
    const z = await owner().deals.create({ name: "Z", amountMinor: "1", pipelineId: p.id, stageId: s2.id });
    const w = await owner().deals.create({ name: "W", amountMinor: "1", pipelineId: p.id, stageId: s2.id });
    await Promise.all([owner().deals.move({ dealId: z.id, stageId: s1.id, beforeDealId: a.id }), admin.deals.move({ dealId: w.id, stageId: s1.id, beforeDealId: a.id })]);
    const top = await boardOrder(p.id, s1.id);
    expect(top.slice(0, 2).sort()).toEqual(["W", "Z"]);
    expect(top[2]).toBe("A");
  });
});

describe("stage changes, won, lost, reopen", () => {
  it("records history and timeline on the deal and its contacts", async () => {
    const p = await newPipeline("Lifecycle");
    const [qualified, proposal, , won, lost] = p.stages;
    if (!qualified || !proposal || !won || !lost) throw new Error("stages");
    const contactA = await freshContact(tenant, "Ann");
    const contactB = await freshContact(tenant, "Ben");
    const companyId = await freshCompany(tenant, "Lifecycle Ltd");
    const deal = await owner().deals.create({ name: "Big one", amountMinor: "250000", pipelineId: p.id, contactIds: [contactA, contactB], companyId, expectedCloseOn: "2026-12-31" });
    expect(deal.stageId).toBe(qualified.id);
    expect(deal.contacts.map((c) => c.id).sort()).toEqual([contactA, contactB].sort());

    await owner().deals.move({ dealId: deal.id, stageId: proposal.id });
    const lostDeal = await owner().deals.move({ dealId: deal.id, stageId: lost.id, lostReason: "  Price  " });
    expect(lostDeal.closedAt).not.toBeNull();
    expect(lostDeal.lostReason).toBe("Price");
    const reopened = await owner().deals.reopen({ dealId: deal.id });
    expect(reopened.stageId).toBe(proposal.id);
    expect(reopened.closedAt).toBeNull();
    expect(reopened.lostReason).toBeNull();
    const wonDeal = await owner().deals.close({ dealId: deal.id, outcome: "WON" });
    expect(wonDeal.stageId).toBe(won.id);
    expect(wonDeal.closedAt).not.toBeNull();

    const { history } = await owner().deals.get({ dealId: deal.id });
    expect(history.map((h) => `${h.fromStage?.name ?? "-"}>${h.toStage.name}`)).toEqual(["->Qualified", "Qualified>Proposal", "Proposal>Lost", "Lost>Proposal", "Proposal>Won"]);

    // One stage change's events share its instant: within it, the change comes before won/lost.
    const rank: Record<string, number> = { DEAL_CREATED: 0, STAGE_CHANGED: 1, DEAL_WON: 2, DEAL_LOST: 2 };
    const activities = (await systemDb().activity.findMany({ where: { organizationId: tenant.id, OR: [{ dealId: deal.id }, { contactId: { in: [contactA, contactB] } }] } })).sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (rank[a.kind] ?? 9) - (rank[b.kind] ?? 9),
    );
    const onDeal = activities.filter((a) => a.dealId === deal.id).map((a) => a.kind);
    expect(onDeal).toEqual(["DEAL_CREATED", "STAGE_CHANGED", "STAGE_CHANGED", "DEAL_LOST", "STAGE_CHANGED", "STAGE_CHANGED", "DEAL_WON"]);
    for (const contactId of [contactA, contactB]) {
      expect(activities.filter((a) => a.contactId === contactId).map((a) => a.kind)).toEqual(onDeal);
    }
    const lostEvent = activities.find((a) => a.kind === "DEAL_LOST" && a.dealId === deal.id);
    expect(lostEvent?.payload).toMatchObject({ name: "Big one", reason: "Price" });
  });

  it("soft-deletes and restores; the deal leaves the totals meanwhile", async () => {
    const p = await newPipeline("Deletes");
    const deal = await owner().deals.create({ name: "Gone", amountMinor: "500", pipelineId: p.id });
    await owner().deals.delete({ dealId: deal.id });
    expect((await owner().deals.board({ pipelineId: p.id })).stages[0]?.count).toBe(0);
    expect(await outcome(owner().deals.get({ dealId: deal.id }))).toBe("NOT_FOUND");
    await owner().deals.restore({ dealId: deal.id });
    expect((await owner().deals.board({ pipelineId: p.id })).stages[0]?.count).toBe(1);
  });

  it("refuses an owner who is not a member and a contact of another organization", async () => {
    const other = await createTenant("deals-other");
    try {
      expect(await outcome(owner().deals.create({ name: "X", ownerUserId: other.users.OWNER.id }))).toBe("NOT_FOUND");
      expect(await outcome(owner().deals.create({ name: "X", contactIds: [await freshContact(other)] }))).toBe("NOT_FOUND");
    } finally {
      await deleteTenant(other);
    }
  });
});

describe("totals and forecast", () => {
  it("sums per stage and per currency in SQL, weighted by probability", async () => {
    const p = await newPipeline("Totals");
    const [q, pr, neg, won] = p.stages;
    if (!q || !pr || !neg || !won) throw new Error("stages");
    await owner().deals.create({ name: "q1", amountMinor: "1000", pipelineId: p.id, stageId: q.id });
    await owner().deals.create({ name: "q2", amountMinor: "2333", pipelineId: p.id, stageId: q.id });
    await owner().deals.create({ name: "q3", amountMinor: "700", currency: "USD", pipelineId: p.id, stageId: q.id });
    await owner().deals.create({ name: "n1", amountMinor: "9223372036854775", pipelineId: p.id, stageId: neg.id });
    const board = await owner().deals.board({ pipelineId: p.id });
    const qualified = board.stages.find((s) => s.id === q.id);
    expect(qualified?.count).toBe(3);
    // 10 % of 3333 = 333.3 → 333; the USD deal stays apart.
    expect(qualified?.totals).toEqual([
      { currency: "EUR", count: 2, totalMinor: "3333", weightedMinor: "333" },
      { currency: "USD", count: 1, totalMinor: "700", weightedMinor: "70" },
    ]);
    // Exact beyond a double's precision: 60 % of 9223372036854775 = 5534023222112865.
    expect(board.stages.find((s) => s.id === neg.id)?.totals).toEqual([{ currency: "EUR", count: 1, totalMinor: "9223372036854775", weightedMinor: "5534023222112865" }]);
    expect(board.stages.find((s) => s.id === pr.id)?.totals).toEqual([]);
  });

  it("forecasts weighted pipeline by close month and owner, and won per month", async () => {
    const t = await createTenant("forecast");
    try {
      const as = callerFor(t.users.OWNER, t.slug);
      const p = await as.pipelines.create({ name: "F", currency: "EUR" });
      const [q, pr, neg] = p.stages;
      if (!q || !pr || !neg) throw new Error("stages");
      const now = new Date();
      const month = (n: number) => {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 15));
        return d.toISOString().slice(0, 10);
      };
      await as.deals.create({ name: "m0a", amountMinor: "10000", pipelineId: p.id, stageId: q.id, expectedCloseOn: month(0) });
      await as.deals.create({ name: "m0b", amountMinor: "10000", pipelineId: p.id, stageId: neg.id, expectedCloseOn: month(0), ownerUserId: t.users.ADMIN.id });
      await as.deals.create({ name: "m1", amountMinor: "5000", pipelineId: p.id, stageId: pr.id, expectedCloseOn: month(1) });
      await as.deals.create({ name: "m1usd", amountMinor: "100", currency: "USD", pipelineId: p.id, stageId: pr.id, expectedCloseOn: month(1) });
      await as.deals.create({ name: "old", amountMinor: "1000", pipelineId: p.id, stageId: pr.id, expectedCloseOn: month(-3) });
      await as.deals.create({ name: "nodate", amountMinor: "1000", pipelineId: p.id, stageId: pr.id });
      const w = await as.deals.create({ name: "won", amountMinor: "4200", pipelineId: p.id, stageId: q.id, expectedCloseOn: month(0) });
      await as.deals.close({ dealId: w.id, outcome: "WON" });

      const f = await as.deals.forecast({ pipelineId: p.id, from: month(0).slice(0, 7), months: 3 });
      expect(f.months).toHaveLength(3);
      expect(f.months[0]).toBe(month(0).slice(0, 7));
      expect(f.weightedByMonth).toEqual([
        { month: month(0).slice(0, 7), currency: "EUR", count: 2, totalMinor: "20000", weightedMinor: "7000" },
        { month: month(1).slice(0, 7), currency: "EUR", count: 1, totalMinor: "5000", weightedMinor: "1500" },
        { month: month(1).slice(0, 7), currency: "USD", count: 1, totalMinor: "100", weightedMinor: "30" },
      ]);
      expect(f.overdue).toEqual([{ month: "overdue", currency: "EUR", count: 1, totalMinor: "1000", weightedMinor: "300" }]);
      expect(f.undated).toEqual([{ month: "undated", currency: "EUR", count: 1, totalMinor: "1000", weightedMinor: "300" }]);
      const byOwner = Object.fromEntries(f.weightedByOwner.filter((o) => o.currency === "EUR").map((o) => [o.ownerUserId, o.weightedMinor]));
      expect(byOwner).toEqual({ [t.users.OWNER.id]: String(1000 + 1500 + 300 + 300), [t.users.ADMIN.id]: "6000" });
      expect(f.wonByMonth).toEqual([{ month: f.wonMonths[f.wonMonths.length - 1], currency: "EUR", count: 1, totalMinor: "4200" }]);
    } finally {
      await deleteTenant(t);
    }
  });
});

describe("own records only", () => {
  it("keeps a member below admin to the deals they own — cards, totals, list and forecast", async () => {
    const t = await createTenant("deals-own");
    try {
      const admin = callerFor(t.users.OWNER, t.slug);
      const viewer = callerFor(t.users.VIEWER, t.slug);
      const p = await admin.pipelines.create({ name: "Own", currency: "EUR" });
      const stage = p.stages[0];
      if (!stage) throw new Error("no stage");
      const close = new Date().toISOString().slice(0, 10);
      await admin.deals.create({ name: "Viewer's", amountMinor: "1000", pipelineId: p.id, ownerUserId: t.users.VIEWER.id, expectedCloseOn: close });
      const others = await admin.deals.create({ name: "Owner's", amountMinor: "9000", pipelineId: p.id, expectedCloseOn: close });
      await systemDb().crmSettings.create({ data: { organizationId: t.id, ownRecordsOnly: true } });

      const board = await viewer.deals.board({ pipelineId: p.id });
      const column = board.stages.find((s) => s.id === stage.id);
      expect(column?.deals.map((d) => d.name)).toEqual(["Viewer's"]);
      expect(column?.totals).toEqual([{ currency: "EUR", count: 1, totalMinor: "1000", weightedMinor: "100" }]);
      expect((await viewer.deals.list({ pipelineId: p.id })).deals.map((d) => d.name)).toEqual(["Viewer's"]);
      expect((await viewer.deals.forecast({ pipelineId: p.id, from: close.slice(0, 7), months: 1 })).weightedByMonth.map((r) => r.totalMinor)).toEqual(["1000"]);
      expect(await outcome(viewer.deals.get({ dealId: others.id }))).toBe("NOT_FOUND");
      // Admins see everything whatever the setting says.
      expect((await admin.deals.board({ pipelineId: p.id })).stages.find((s) => s.id === stage.id)?.count).toBe(2);
    } finally {
      await deleteTenant(t);
    }
  });
});

describe("moving between pipelines", () => {
  it("moves a deal into another pipeline's stage, with its history, so the first one can be archived", async () => {
    const from = await newPipeline("Move from");
    const to = await newPipeline("Move to");
    const deal = await owner().deals.create({ name: "Traveller", amountMinor: "700", pipelineId: from.id });
    const target = to.stages[1];
    if (!target) throw new Error("stage");
    const moved = await owner().deals.move({ dealId: deal.id, stageId: target.id });
    expect(moved.pipelineId).toBe(to.id);
    expect(moved.stageId).toBe(target.id);
    expect((await owner().deals.get({ dealId: deal.id })).history.map((h) => h.toStage.name)).toEqual(["Qualified", "Proposal"]);
    expect((await owner().deals.board({ pipelineId: to.id })).stages[1]?.deals.map((d) => d.name)).toEqual(["Traveller"]);
    expect((await owner().pipelines.archive({ pipelineId: from.id, archived: true })).archivedAt).not.toBeNull();
  });
});
