import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it } from "vitest";
import { processFormSubmissionFn, sendFormMailFn } from "../../src/functions/process-form-submission";
import { setLeadIntakeProcessor, type LeadIntakeProcessor } from "../../src/forms/lead-intake-registry";
import { deliverLocally, hasLocalEffect } from "../../src/outbox/local-delivery";

/** The intake's job functions hand the work to the processor @mg/api registers (tested with the database there). */
const calls: string[] = [];
const processor: LeadIntakeProcessor = {
  process: async (input) => void calls.push(`process:${input.submissionId}`),
  fail: async (input) => void calls.push(`fail:${input.submissionId}:${input.reason}`),
  mail: async (input) => void calls.push(`mail:${input.kind}:${input.submissionId}`),
};

afterEach(() => {
  calls.length = 0;
});

describe("form submission jobs", () => {
  it("the engine's functions call the registered processor, keyed per organization", async () => {
    setLeadIntakeProcessor(processor);
    const organizationId = randomUUID();
    const submissionId = randomUUID();
    const run = await new InngestTestEngine({ function: processFormSubmissionFn, events: [{ name: "form/submission.received", data: { organizationId, submissionId } }] }).execute();
    expect(run.error).toBeUndefined();
    const mail = await new InngestTestEngine({ function: sendFormMailFn, events: [{ name: "form/mail.requested", data: { organizationId, submissionId, kind: "owner" } }] }).execute();
    expect(mail.error).toBeUndefined();
    expect(calls).toEqual([`process:${submissionId}`, `mail:owner:${submissionId}`]);
  });

  it("without an engine the relay delivers them in process (awaited, so a failure is retried); lead/submitted has nothing to run yet", async () => {
    setLeadIntakeProcessor(processor);
    expect(hasLocalEffect("form/submission.received")).toBe(true);
    expect(hasLocalEffect("form/mail.requested")).toBe(true);
    expect(hasLocalEffect("lead/submitted")).toBe(false);
    const submissionId = randomUUID();
    await deliverLocally("form/submission.received", { organizationId: randomUUID(), submissionId });
    expect(calls).toEqual([`process:${submissionId}`]);
    setLeadIntakeProcessor({ ...processor, process: () => Promise.reject(new Error("database down")) });
    await expect(deliverLocally("form/submission.received", { organizationId: randomUUID(), submissionId })).rejects.toThrow("database down");
  });
});
