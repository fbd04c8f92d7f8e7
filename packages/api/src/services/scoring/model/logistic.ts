/**
 * Logistic regression, dependency-free and deterministic: standardized features, batch gradient
 * descent with L2, a seeded train/holdout split and the holdout's AUC. Small on purpose — a
 * tenant's contacts are thousands, not millions, and the weights must be explainable (a
 * prediction lists weight × standardized value per feature).
 */
export interface Sample {
  x: number[];
  y: 0 | 1;
}

export interface FittedModel {
  intercept: number;
  weights: number[];
  means: number[];
  stds: number[];
}

/** mulberry32: a tiny seeded generator, so the same data always gives the same split and model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stratified: each class split in the same ratio, so a holdout always has both classes. */
export function split(samples: readonly Sample[], holdoutShare: number, seed: number): { train: Sample[]; holdout: Sample[] } {
  const random = seededRandom(seed);
  const train: Sample[] = [];
  const holdout: Sample[] = [];
  for (const cls of [0, 1] as const) {
    const group = samples.filter((s) => s.y === cls);
    // Fisher–Yates with the seeded generator.
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j] as Sample, group[i] as Sample];
    }
    const cut = Math.round(group.length * holdoutShare);
    holdout.push(...group.slice(0, cut));
    train.push(...group.slice(cut));
  }
  return { train, holdout };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function standardize(samples: readonly Sample[], width: number): { means: number[]; stds: number[] } {
  const means = new Array<number>(width).fill(0);
  const stds = new Array<number>(width).fill(0);
  const n = Math.max(1, samples.length);
  for (const s of samples) for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) + (s.x[j] ?? 0) / n;
  for (const s of samples) for (let j = 0; j < width; j++) stds[j] = (stds[j] ?? 0) + ((s.x[j] ?? 0) - (means[j] ?? 0)) ** 2 / n;
  // A constant feature gets std 1: its standardized value is 0 and it contributes nothing.
  return { means, stds: stds.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

export function standardized(model: Pick<FittedModel, "means" | "stds">, x: readonly number[]): number[] {
  return x.map((v, j) => (v - (model.means[j] ?? 0)) / (model.stds[j] ?? 1));
}

export function fit(samples: readonly Sample[], options: { l2?: number; learningRate?: number; iterations?: number } = {}): FittedModel {
  const width = samples[0]?.x.length ?? 0;
  const l2 = options.l2 ?? 0.01;
  const rate = options.learningRate ?? 0.5;
  const iterations = options.iterations ?? 500;
  const { means, stds } = standardize(samples, width);
  const xs = samples.map((s) => standardized({ means, stds }, s.x));
  const weights = new Array<number>(width).fill(0);
  let intercept = 0;
  const n = Math.max(1, samples.length);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(width).fill(0);
    let gradB = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = xs[i] ?? [];
      let z = intercept;
      for (let j = 0; j < width; j++) z += (weights[j] ?? 0) * (x[j] ?? 0);
      const err = sigmoid(z) - (samples[i]?.y ?? 0);
      gradB += err;
      for (let j = 0; j < width; j++) grad[j] = (grad[j] ?? 0) + err * (x[j] ?? 0);
    }
    intercept -= (rate * gradB) / n;
    for (let j = 0; j < width; j++) weights[j] = (weights[j] ?? 0) - rate * ((grad[j] ?? 0) / n + l2 * (weights[j] ?? 0));
  }
  return { intercept, weights, means, stds };
}

export function predict(model: FittedModel, x: readonly number[]): number {
  const z = standardized(model, x).reduce((sum, v, j) => sum + v * (model.weights[j] ?? 0), model.intercept);
  return sigmoid(z);
}

/** Area under the ROC curve (Mann–Whitney: the share of positive/negative pairs ranked right; ties half). */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const ranked = scores.map((s, i) => ({ s, y: labels[i] ?? 0 })).sort((a, b) => a.s - b.s);
  let positives = 0;
  let negatives = 0;
  let rankSum = 0;
  for (let i = 0; i < ranked.length; ) {
    let j = i;
    while (j < ranked.length && ranked[j]?.s === ranked[i]?.s) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (ranked[k]?.y === 1) {
        positives++;
        rankSum += averageRank;
      } else negatives++;
    }
    i = j;
  }
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export const MIN_CONVERSIONS = 20;
export const MIN_NON_CONVERSIONS = 20;

export type TrainOutcome =
  | { status: "TRAINED"; model: FittedModel; auc: number; samples: number; conversions: number }
  | { status: "INSUFFICIENT_DATA"; samples: number; conversions: number };

/** Trains and evaluates on a seeded 25 % holdout — or says there is not enough to learn from. */
export function trainAndEvaluate(samples: readonly Sample[], seed = 42): TrainOutcome {
  const conversions = samples.filter((s) => s.y === 1).length;
  if (conversions < MIN_CONVERSIONS || samples.length - conversions < MIN_NON_CONVERSIONS) return { status: "INSUFFICIENT_DATA", samples: samples.length, conversions };
  const { train, holdout } = split(samples, 0.25, seed);
  const evaluated = fit(train);
  const holdoutAuc = auc(
    holdout.map((s) => predict(evaluated, s.x)),
    holdout.map((s) => s.y),
  );
  // The model kept is trained on everything; the AUC shown is the honest one from the holdout.
  return { status: "TRAINED", model: fit(samples), auc: holdoutAuc, samples: samples.length, conversions };
}
