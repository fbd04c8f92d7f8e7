import "../helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { withOrg } from "@mg/db";
import { disconnectAll } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { createHousekeeping } from "../../src/local-housekeeping";
import { listDevMail } from "../../src/mailer";
import { deliverLocally } from "../../src/outbox/local-delivery";
import { leadQualifiedMailFn, scoringDecayFn, scoringTrainFn } from "../../src/scoring/functions";
import { setScoringChores } from "../../src/scoring/runner";
import { Fixtures } from "../helpers/fixtures";

/**
 * Lead scoring's jobs: the per-organization decay and training functions hand the organization
 * (and the day) to the chores @mg/api registers; without an engine the housekeeping runs the same
 * chores; the lead-qualified mail reaches the owner.
 */
const fixtures = new Fixtures();
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

function recordingChores() {
  const calls: { chore: string; organizationId: string; day: string }[] = [];
  setScoringChores({
    decay: async (organizationId, now) => {
      calls.push({ chore: "decay", organizationId, day: now.toISOString().slice(0, 10) });
      return 3;
    },
    train: async (organizationId, now) => {
      calls.push({ chore: "train", organizationId, day: now.toISOString().slice(0, 10) });
      return "INSUFFICIENT_DATA";
    },
  });
  return calls;
}

const ORG = "11111111-1111-4111-8111-111111111111";

describe("scoring functions", () => {
  it("decay runs for the event's organization and day; training for its organization", async () => {
    const calls = recordingChores();
    const decay = await new InngestTestEngine({ function: scoringDecayFn, events: [{ name: "scoring/decay.due", data: { organizationId: ORG, day: "2026-12-04" } }] }).execute();
    expect(decay.error).toBeUndefined();
    expect(decay.result).toBe(3);
    const train = await new InngestTestEngine({ function: scoringTrainFn, events: [{ name: "scoring/train.due", data: { organizationId: ORG, day: "2026-12-04" } }] }).execute();
    expect(train.result).toBe("INSUFFICIENT_DATA");
    expect(calls).toEqual([
      { chore: "decay", organizationId: ORG, day: "2026-12-04" },
      { chore: "train", organizationId: ORG, day: expect.any(String) },
    ]);
  });

  it("without an engine, the housekeeping decays and trains every organization that has scoring", async () => {
    const calls = recordingChores();
    const { org } = await fixtures.organizationWithOwner("Scoring Housekeeping Co");
    await withOrg(org.id, async (db) => {
      const score = await db.leadScore.create({ data: { organizationId: org.id, key: "fit", label: "Fit", isPrimary: true } });
      await db.scoreRule.create({ data: { organizationId: org.id, scoreId: score.id, name: "Form", kind: "BEHAVIOUR", event: "form_submitted", points: 5, halfLifeDays: 30 } });
    });
    const warnings: string[] = [];
    await createHousekeeping({ info: () => undefined, warn: (m) => warnings.push(m) }, org.id)(new Date("2026-12-04T08:00:00.000Z"));
    expect(calls.filter((c) => c.organizationId === org.id).map((c) => c.chore)).toEqual(["decay", "train"]);
    expect(warnings.filter((w) => w.includes("score") || w.includes("model"))).toEqual([]);
  });

  it("the lead-qualified mail reaches the contact's owner (engine and local delivery alike)", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Qualified Co");
    const contact = await withOrg(org.id, (db) => db.contact.create({ data: { organizationId: org.id, firstName: "Quinn", lastName: "Lead", ownerUserId: owner.id } }));
    const data = { organizationId: org.id, contactId: contact.id, userId: owner.id, scoreLabel: "Fit", total: 55, atLeast: 50 };
    const { result } = await new InngestTestEngine({ function: leadQualifiedMailFn, events: [{ name: "scoring/lead.qualified", data }] }).execute();
    expect(result).toEqual({ mailed: true });
    await deliverLocally("scoring/lead.qualified", data);
    const mails = await listDevMail({ to: owner.email });
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe("Lead qualified: Quinn Lead");
    expect(mails[0]?.text).toContain(`/contacts/${contact.id}`);
    expect(mails[0]?.text).toContain("reached 55 on “Fit” (threshold 50)");
  });
});
