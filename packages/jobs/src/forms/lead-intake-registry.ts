import type { FormMailRequestedData, FormSubmissionReceivedData } from "../events";

/**
 * The lead intake's processor, handed in by @mg/api (services/lead-forms/register.ts) — the
 * domain logic lives there, and @mg/api depends on this package, not the other way round. On
 * globalThis: Next bundles routes and instrumentation separately.
 */
export interface LeadIntakeProcessor {
  /** Turns a stored submission into a contact, exactly once (a processed one is a no-op). Throws to be retried. */
  process(input: FormSubmissionReceivedData & { attempt?: number }): Promise<unknown>;
  /** The submission gave up after its retries: FAILED with its last error (re-processable). */
  fail(input: FormSubmissionReceivedData & { reason: string }): Promise<void>;
  /** Sends one mail about a submission, at most once (its own ledger). */
  mail(input: FormMailRequestedData): Promise<unknown>;
}

const KEY = Symbol.for("mg.forms.lead-intake");
type RegistryGlobal = typeof globalThis & { [KEY]?: LeadIntakeProcessor };

export function setLeadIntakeProcessor(next: LeadIntakeProcessor): void {
  (globalThis as RegistryGlobal)[KEY] = next;
}

export function leadIntake(): LeadIntakeProcessor {
  const found = (globalThis as RegistryGlobal)[KEY];
  // Thrown: the engine retries the step and the outbox keeps the event until a process that loaded @mg/api delivers it.
  if (!found) throw new Error("the lead intake processor is not loaded in this process (import @mg/api)");
  return found;
}
