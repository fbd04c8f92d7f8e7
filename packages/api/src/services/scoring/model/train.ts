import { withOrg, type TenantDb } from "@mg/db";
import { contactFeatures, FEATURES } from "./features";
import { MIN_CONVERSIONS, MIN_NON_CONVERSIONS, predict, standardized, trainAndEvaluate, type FittedModel } from "./logistic";

/**
 * The organization's conversion model: trained on its own contacts (converted = lifecycle
 * CUSTOMER or a won deal), stored as a new scoring_models row each time (the newest is the one in
 * use). With too few conversions it stores INSUFFICIENT_DATA and predicts nothing: rules alone apply.
 */
export interface StoredWeights {
  intercept: number;
  features: { key: string; label: string; weight: number; mean: number; std: number }[];
}

function toStored(model: FittedModel): StoredWeights {
  return {
    intercept: model.intercept,
    features: FEATURES.map((f, j) => ({ key: f.key, label: f.label, weight: model.weights[j] ?? 0, mean: model.means[j] ?? 0, std: model.stds[j] ?? 1 })),
  };
}

function fromStored(raw: unknown): FittedModel | null {
  if (typeof raw !== "object" || raw === null) return null;
  const w = raw as Partial<StoredWeights>;
  if (typeof w.intercept !== "number" || !Array.isArray(w.features) || w.features.length !== FEATURES.length) return null;
  return { intercept: w.intercept, weights: w.features.map((f) => f.weight), means: w.features.map((f) => f.mean), stds: w.features.map((f) => f.std) };
}

/**
 * The weekly chore. `freshForMs`: a model trained more recently than that is kept (a restarted
 * local scheduler, or the engine's cron next to it, does not retrain the same week twice).
 */
export async function trainOrganizationModel(organizationId: string, now: Date = new Date(), options: { freshForMs?: number } = {}): Promise<string> {
  return withOrg(
    organizationId,
    async (db) => {
      if (options.freshForMs) {
        const latest = await db.scoringModel.findFirst({ where: { trainedAt: { gt: new Date(now.getTime() - options.freshForMs) } }, select: { status: true } });
        if (latest) return `${latest.status} (kept: trained less than ${Math.round(options.freshForMs / 86_400_000)} days ago)`;
      }
      return trainModel(db, organizationId, now);
    },
    { timeout: 120_000 },
  );
}

export async function trainModel(db: TenantDb, organizationId: string, now: Date = new Date()): Promise<"TRAINED" | "INSUFFICIENT_DATA"> {
  const rows = await contactFeatures(db, organizationId, now);
  const outcome = trainAndEvaluate(rows.map((r) => ({ x: r.x, y: r.converted })));
  await db.scoringModel.create({
    data: {
      organizationId,
      status: outcome.status,
      samples: outcome.samples,
      conversions: outcome.conversions,
      auc: outcome.status === "TRAINED" ? outcome.auc : null,
      weights: outcome.status === "TRAINED" ? (JSON.parse(JSON.stringify(toStored(outcome.model))) as object) : {},
      trainedAt: now,
    },
  });
  return outcome.status;
}

export async function modelStatus(db: TenantDb) {
  const latest = await db.scoringModel.findFirst({ orderBy: { trainedAt: "desc" }, select: { status: true, samples: true, conversions: true, auc: true, weights: true, trainedAt: true } });
  if (!latest) return { status: "NOT_TRAINED" as const, minConversions: MIN_CONVERSIONS, minNonConversions: MIN_NON_CONVERSIONS };
  const stored = latest.status === "TRAINED" ? (latest.weights as unknown as StoredWeights) : null;
  const topWeights = stored?.features ? [...stored.features].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 6).map((f) => ({ key: f.key, label: f.label, weight: f.weight })) : [];
  return {
    status: latest.status,
    samples: latest.samples,
    conversions: latest.conversions,
    auc: latest.auc,
    trainedAt: latest.trainedAt,
    topWeights,
    minConversions: MIN_CONVERSIONS,
    minNonConversions: MIN_NON_CONVERSIONS,
  };
}

/** The newest model's probability for one contact, with each feature's contribution (weight × standardized value). */
export async function predictContact(db: TenantDb, organizationId: string, contactId: string, now: Date = new Date()) {
  const latest = await db.scoringModel.findFirst({ orderBy: { trainedAt: "desc" }, select: { status: true, weights: true, auc: true, trainedAt: true } });
  const model = latest?.status === "TRAINED" ? fromStored(latest.weights) : null;
  if (!latest || !model) return { available: false as const, status: latest?.status ?? "NOT_TRAINED" };
  const [row] = await contactFeatures(db, organizationId, now, [contactId]);
  if (!row) return { available: false as const, status: latest.status };
  const z = standardized(model, row.x);
  const contributions = FEATURES.map((f, j) => ({ key: f.key, label: f.label, value: row.x[j] ?? 0, contribution: (model.weights[j] ?? 0) * (z[j] ?? 0) }))
    .filter((c) => Math.abs(c.contribution) > 1e-6)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 5);
  return { available: true as const, status: latest.status, probability: predict(model, row.x), auc: latest.auc, trainedAt: latest.trainedAt, contributions };
}
