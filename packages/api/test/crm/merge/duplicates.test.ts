import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { jaro, jaroWinkler } from "../../../src/services/crm/duplicates/jaro-winkler";
import { scorePair } from "../../../src/services/crm/duplicates/scan";
import { seedContact } from "../import/helpers";

describe("Jaro–Winkler", () => {
  // Reference values from Winkler (1990) and the usual test pairs.
  it.each([
    ["martha", "marhta", 0.944, 0.961],
    ["dwayne", "duane", 0.822, 0.84],
    ["dixon", "dicksonx", 0.767, 0.813],
    ["jellyfish", "smellyfish", 0.896, 0.896],
  ])("%s / %s", (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
  });

  it("is 1 for equal strings and 0 for nothing in common or an empty side", () => {
    expect(jaroWinkler("ann lee", "ann lee")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "ann")).toBe(0);
  });

  it("scores a pair by name similarity and what else they share", () => {
    expect(scorePair("ann lee", "ann lee", false, false)).toEqual({ score: 0.8, reasons: ["same name"] });
    expect(scorePair("jon smith", "john smith", true, false)).toEqual({ score: 0.88, reasons: ["similar name (0.97)", "same company domain"] });
    expect(scorePair("ann lee", "bob stone", true, true)).toBeNull();
  });
});

describe("the review queue", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant("crm-dupes");
  });
  afterAll(async () => {
    await deleteTenant(tenant);
  });
  const admin = () => callerFor(tenant.users.ADMIN, tenant.slug);

  it("a scan queues exact (same phone) and probable (blocked, similar name) pairs; dismiss; merge from the queue and undo", async () => {
    const jon = await seedContact(tenant, { firstName: "Jon", lastName: "Smith", email: "jon@acme.com", createdAt: new Date("2024-01-01") });
    const john = await seedContact(tenant, { firstName: "John", lastName: "Smith", email: "john.smith@acme.com" });
    const p1 = await seedContact(tenant, { firstName: "Kim", lastName: "Park", email: "kim@gmail.com", phone: "+447911123456" });
    const p2 = await seedContact(tenant, { firstName: "K", lastName: "Park", email: "kp@yahoo.com", phone: "+447911123456" });
    // Same free-mail domain and unrelated names: no pair.
    await seedContact(tenant, { firstName: "Zed", lastName: "Quinn", email: "zed@gmail.com" });

    const scan = await admin().duplicates.scan();
    expect(scan).toMatchObject({ exact: 1, probable: 1, queued: 2 });
    const queue = await admin().duplicates.list({});
    expect(queue.items.map((i) => [i.score, i.reasons, [i.a?.id, i.b?.id].sort()])).toEqual([
      [1, ["same phone"], [p1, p2].sort()],
      [0.88, ["similar name (0.97)", "same company domain"], [jon, john].sort()],
    ]);
    const exactPair = queue.items[0];
    const namePair = queue.items[1];
    if (!exactPair || !namePair) throw new Error("expected two pairs");

    await admin().duplicates.dismiss({ candidateId: exactPair.id });
    // A rescan does not bring a dismissed pair back.
    await admin().duplicates.scan();
    expect((await admin().duplicates.list({})).items.map((i) => i.id)).toEqual([namePair.id]);
    expect((await admin().duplicates.forContact({ contactId: john })).items.map((i) => i.other.id)).toEqual([jon]);

    // Merge, choosing the newer first name; the oldest (Jon's) id survives.
    const merged = await admin().duplicates.merge({ contactIds: [john, jon], values: [{ field: "firstName", contactId: john }], candidateId: namePair.id });
    expect(merged).toMatchObject({ survivorId: jon, mergedIds: [john] });
    expect(await systemDb().contact.findFirstOrThrow({ where: { id: jon } })).toMatchObject({ firstName: "John", lastName: "Smith" });
    expect((await admin().duplicates.list({})).items).toEqual([]);
    expect((await systemDb().duplicateCandidate.findFirstOrThrow({ where: { id: namePair.id } })).status).toBe("MERGED");

    await admin().duplicates.undoMerge({ mergeId: merged?.mergeId ?? "" });
    expect(await systemDb().contact.findFirstOrThrow({ where: { id: john } })).toMatchObject({ deletedAt: null, mergedIntoId: null });
    expect(await systemDb().contact.findFirstOrThrow({ where: { id: jon } })).toMatchObject({ firstName: "Jon" });
    expect((await admin().duplicates.list({})).items.map((i) => i.id)).toEqual([namePair.id]);
  });
});
