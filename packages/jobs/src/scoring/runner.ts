import type { ScoringRecomputeRequestedData } from "../events";
import { chunkedRunRegistry, type ChunkedRunner } from "../crm/chunked-run-registry";

/**
 * Lead scoring's chores (decay, model training, recompute-all). The engine lives in @mg/api
 * (services/scoring), which depends on this package, so it hands its functions in at load time
 * (services/scoring/register.ts) — the same arrangement as the contact import's runner.
 */
export interface ScoringChores {
  /** Writes the day's decay entries of one organization; returns how many. */
  decay(organizationId: string, now: Date): Promise<number>;
  /** Retrains the organization's conversion model; returns its status. */
  train(organizationId: string, now: Date): Promise<string>;
}

type RegistryGlobal = typeof globalThis & Record<symbol, unknown>;
const CHORES = Symbol.for("mg.scoring.chores");

export function setScoringChores(chores: ScoringChores): void {
  (globalThis as RegistryGlobal)[CHORES] = chores;
}

/** The chores are registered once a module of @mg/api's scoring has loaded in this process. */
export class ScoringChoresNotLoaded extends Error {
  constructor() {
    super("the scoring chores are not loaded in this process (import @mg/api)");
  }
}

export function scoringChoresLoaded(): boolean {
  return (globalThis as RegistryGlobal)[CHORES] !== undefined;
}

export function scoringChores(): ScoringChores {
  const found = (globalThis as RegistryGlobal)[CHORES] as ScoringChores | undefined;
  // Thrown, not swallowed: the engine retries, and the next process that loaded @mg/api does it.
  if (!found) throw new ScoringChoresNotLoaded();
  return found;
}

const recomputes = chunkedRunRegistry<ScoringRecomputeRequestedData>("scoring-recompute");
export type ScoringRecomputeRunner = ChunkedRunner<ScoringRecomputeRequestedData>;
export const setScoringRecomputeRunner = recomputes.set;
export const scoringRecomputeRunner = recomputes.runner;
export const runScoringRecomputeLocally = recomputes.runLocally;
export const settleLocalScoringRecomputes = recomputes.settle;

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);
