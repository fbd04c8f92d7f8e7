import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { auc, fit, predict, seededRandom, split, trainAndEvaluate, type Sample } from "../../src/services/scoring/model/logistic";
import { modelStatus, predictContact, trainModel } from "../../src/services/scoring/model/train";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";

/** The conversion model's math on synthetic data, then training on a tenant's own contacts. */

function synthetic(n: number, separable: boolean, seed: number): Sample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const y = (i % 3 === 0 ? 1 : 0) as 0 | 1;
    const signal = separable ? (y === 1 ? 2 : -2) + (random() - 0.5) : random() * 4 - 2;
    return { x: [signal, random(), random() * 10], y };
  });
}

describe("logistic regression", () => {
  it("AUC counts ranked pairs, ties as half", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5);
    expect(auc([0.9, 0.1], [1, 0])).toBe(1);
  });

  it("learns a separable dataset (holdout AUC high) with the signal's weight largest", () => {
    const outcome = trainAndEvaluate(synthetic(300, true, 7));
    expect(outcome.status).toBe("TRAINED");
    if (outcome.status !== "TRAINED") return;
    expect(outcome.auc).toBeGreaterThan(0.95);
    const [signal, ...noise] = outcome.model.weights.map(Math.abs);
    expect(signal).toBeGreaterThan(Math.max(...noise) * 3);
    const data = synthetic(300, true, 7);
    const positive = data.find((s) => s.y === 1);
    const negative = data.find((s) => s.y === 0);
    if (!positive || !negative) throw new Error("fixture");
    expect(predict(outcome.model, positive.x)).toBeGreaterThan(0.8);
    expect(predict(outcome.model, negative.x)).toBeLessThan(0.2);
  });

  it("finds nothing in random labels (holdout AUC near 0.5)", () => {
    const runs = [11, 12, 13, 14, 15].map((seed) => trainAndEvaluate(synthetic(400, false, seed)));
    const aucs = runs.map((r) => (r.status === "TRAINED" ? r.auc : NaN));
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
  });

  it("is deterministic: the same data and seed give the same split and weights", () => {
    const data = synthetic(120, true, 3);
    expect(split(data, 0.25, 42)).toEqual(split(data, 0.25, 42));
    expect(fit(data).weights).toEqual(fit(data).weights);
    const { holdout } = split(data, 0.25, 42);
    expect(holdout.some((s) => s.y === 1) && holdout.some((s) => s.y === 0)).toBe(true);
  });

  it("below 20 conversions or 20 non-conversions it says there is not enough data", () => {
    const few = synthetic(300, true, 5).map((s, i) => ({ ...s, y: (i < 19 ? 1 : 0) as 0 | 1 }));
    expect(trainAndEvaluate(few)).toEqual({ status: "INSUFFICIENT_DATA", samples: 300, conversions: 19 });
    const allConverted = synthetic(40, true, 5).map((s, i) => ({ ...s, y: (i < 25 ? 1 : 0) as 0 | 1 }));
    expect(trainAndEvaluate(allConverted).status).toBe("INSUFFICIENT_DATA");
  });
});

describe("training on the tenant's contacts", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant("model");
  });
  afterAll(async () => deleteTenant(t));

  it("stores INSUFFICIENT_DATA with the counts when there are too few customers, and predicts nothing", async () => {
    for (let i = 0; i < 5; i++) await systemDb().contact.create({ data: { organizationId: t.id, firstName: `C${i}`, lifecycleStage: i < 2 ? "CUSTOMER" : "LEAD" } });
    expect(await withOrg(t.id, (db) => trainModel(db, t.id))).toBe("INSUFFICIENT_DATA");
    const status = await withOrg(t.id, (db) => modelStatus(db));
    expect(status).toMatchObject({ status: "INSUFFICIENT_DATA", samples: 5, conversions: 2, auc: null, minConversions: 20 });
    const anyone = await systemDb().contact.findFirstOrThrow({ where: { organizationId: t.id } });
    expect(await withOrg(t.id, (db) => predictContact(db, t.id, anyone.id))).toEqual({ available: false, status: "INSUFFICIENT_DATA" });
  });

  it("trains on customers vs leads (business email + company predict conversion) and explains a prediction by its top features", async () => {
    const company = await systemDb().company.create({ data: { organizationId: t.id, name: "Big Co", size: "1000+" } });
    for (let i = 0; i < 40; i++) {
      await systemDb().contact.create({ data: { organizationId: t.id, firstName: `Customer ${i}`, primaryEmail: `c${i}@bigco-${randomUUID().slice(0, 4)}.example`, companyId: company.id, jobTitle: "Buyer", lifecycleStage: "CUSTOMER" } });
      await systemDb().contact.create({ data: { organizationId: t.id, firstName: `Lead ${i}`, primaryEmail: `l${i}@gmail.com`, lifecycleStage: "LEAD" } });
    }
    expect(await withOrg(t.id, (db) => trainModel(db, t.id))).toBe("TRAINED");
    const status = await withOrg(t.id, (db) => modelStatus(db));
    expect(status.status).toBe("TRAINED");
    if (status.status !== "TRAINED") return;
    expect(status.auc ?? 0).toBeGreaterThan(0.9);
    expect(status.conversions).toBe(42);
    expect(status.topWeights.length).toBeGreaterThan(0);
    const probe = await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Probe", primaryEmail: "p@probe-co.example", companyId: company.id, jobTitle: "Head of bakery" } });
    const prediction = await withOrg(t.id, (db) => predictContact(db, t.id, probe.id));
    expect(prediction.available).toBe(true);
    if (!prediction.available) return;
    expect(prediction.probability).toBeGreaterThan(0.5);
    expect(prediction.contributions[0]?.contribution).toBeGreaterThan(0);
    expect(prediction.contributions.map((c) => c.key)).toEqual(expect.arrayContaining(["has_company"]));
  });
});
