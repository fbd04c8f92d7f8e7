import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  AVAILABLE_FEATURES,
  COMING_SOON_FEATURES,
  comingSoonClaimsIn,
  FEATURE_AREAS,
  FEATURE_CATALOG,
  FEATURE_STATUSES,
  featuresGatedBy,
  isPlanFeatureAvailable,
  planBullets,
  PlanClaimError,
  planComingSoon,
  QUOTA_FEATURE,
  type CatalogFeature,
} from "../src/catalog";
import { FEATURE_KEYS, PLAN_LIST, PLANS, QUOTA_KEYS, type PlanDefinition, type PlanHighlight } from "../src/plans";

const catalog: readonly CatalogFeature[] = FEATURE_CATALOG;

describe("the feature catalog", () => {
  it("is well-formed: unique kebab-case keys and names, known areas and statuses, customer sentences", () => {
    expect(new Set(catalog.map((f) => f.key)).size).toBe(catalog.length);
    expect(new Set(catalog.map((f) => f.name.toLowerCase())).size).toBe(catalog.length);
    for (const feature of catalog) {
      expect(feature.key, feature.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(feature.name.trim(), feature.key).toBe(feature.name);
      expect(feature.name.length, feature.key).toBeGreaterThan(2);
      expect(feature.description, feature.key).toMatch(/^[A-Z].{20,}\.$/);
      expect(Object.keys(FEATURE_AREAS), feature.key).toContain(feature.area);
      expect(FEATURE_STATUSES, feature.key).toContain(feature.status);
      if (feature.planFeature !== undefined) expect(FEATURE_KEYS, feature.key).toContain(feature.planFeature);
    }
  });

  it("says what a coming-soon feature would be claimed with, so the site can refuse the claim", () => {
    for (const feature of COMING_SOON_FEATURES) expect(feature.claims?.length ?? 0, feature.key).toBeGreaterThan(0);
    expect(AVAILABLE_FEATURES.length).toBeGreaterThan(0);
    expect(COMING_SOON_FEATURES.length).toBe(catalog.length - AVAILABLE_FEATURES.length);
  });

  it("describes available features without claiming a coming-soon one", () => {
    for (const feature of AVAILABLE_FEATURES) {
      expect(comingSoonClaimsIn(`${feature.name}. ${feature.description}`).map((c) => `${c.feature.key} ("${c.word}")`), feature.key).toEqual([]);
    }
  });

  it("covers every plan gate and every plan limit", () => {
    for (const key of FEATURE_KEYS) expect(featuresGatedBy(key).length, key).toBeGreaterThan(0);
    for (const quota of QUOTA_KEYS) expect(catalog.map((f) => f.key), quota).toContain(QUOTA_FEATURE[quota]);
  });

  it("marks a plan gate available exactly when the API enforces it", () => {
    // A gate the API checks is a real difference between plans; one nothing checks is a promise.
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const enforced = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.ts$/.test(entry.name)) for (const m of readFileSync(path, "utf8").matchAll(/\b(?:assertFeature|hasFeature)\([^,()]+,\s*"(\w+)"\)/g)) enforced.add(m[1] ?? "");
      }
    };
    walk(src);
    expect(enforced.size).toBeGreaterThan(0);
    expect([...enforced].filter((key) => !isPlanFeatureAvailable(key as (typeof FEATURE_KEYS)[number])), "enforced gates whose features are all coming soon").toEqual([]);
    expect(
      FEATURE_KEYS.filter((key) => isPlanFeatureAvailable(key) && !enforced.has(key)),
      "gates of available features that nothing checks",
    ).toEqual([]);
  });

  it("finds the claims the site used to make for features that do not exist", () => {
    const keys = (text: string) => [...new Set(comingSoonClaimsIn(text).map((c) => c.feature.key))].sort();
    // The CRM has shipped: naming it is no longer a claim of something missing.
    expect(keys("CRM & email campaigns")).toEqual(["email-campaigns"]);
    // Lead capture has shipped too: pages, forms and QR codes are no claims of something missing.
    expect(keys("Landing pages & lead forms, QR codes")).toEqual([]);
    expect(keys("Approval workflows included")).toEqual(["approval-workflows"]);
    expect(keys("White-label branding")).toEqual(["white-label"]);
    expect(keys("The whole app under your own brand")).toEqual(["white-label"]);
    expect(keys("Client approvals before anything is published")).toContain("client-review-links");
    expect(keys("AI writing help")).toEqual(["ai-writing"]);
    expect(keys("Audit log export")).toEqual(["audit-log-export"]);
    expect(keys("Data residency, SSO and unlimited scale.")).toEqual(["sso"]);
    expect(keys("run email and SMS campaigns")).toEqual(["sms-whatsapp"]);
    // Word starts only, and acronyms by case: no false alarms on ordinary words.
    expect(keys("A capital idea: rapid publishing, messages in the composer, ideal reach.")).toEqual([]);
  });
});

describe("plans promise only what the catalog says is available", () => {
  it("every plan's bullets resolve to available features or limits of available features", () => {
    for (const plan of PLAN_LIST) {
      const bullets = planBullets(plan);
      expect(bullets.length, plan.id).toBeGreaterThanOrEqual(3);
      expect(new Set(bullets.map((b) => b.id)).size, plan.id).toBe(bullets.length);
      for (const bullet of bullets) {
        expect(bullet.feature.status, `${plan.id}: ${bullet.text}`).toBe("available");
        if (bullet.kind === "feature" && bullet.feature.planFeature) expect(plan.features[bullet.feature.planFeature], `${plan.id}: ${bullet.text}`).toBe(true);
        expect(comingSoonClaimsIn(bullet.text), `${plan.id}: ${bullet.text}`).toEqual([]);
      }
    }
  });

  it("writes limits from the plan's own numbers", () => {
    const text = (plan: PlanDefinition) => planBullets(plan).map((b) => b.text);
    expect(text(PLANS.FREE)).toEqual(expect.arrayContaining([`${PLANS.FREE.limits.socialAccounts} social accounts`, `${PLANS.FREE.limits.users} team members`]));
    expect(text(PLANS.ENTERPRISE)).toEqual(expect.arrayContaining(["Unlimited client organizations", "Unlimited team members"]));
  });

  it("has taglines that claim nothing coming soon", () => {
    for (const plan of PLAN_LIST) expect(comingSoonClaimsIn(`${plan.name}. ${plan.tagline}`), plan.id).toEqual([]);
  });

  it("refuses a bullet for a coming-soon feature, a feature the plan's flags leave out, or a limit that is not there", () => {
    const withHighlights = (plan: PlanDefinition, highlights: unknown[]): PlanDefinition => ({ ...plan, highlights: highlights as PlanHighlight[] });
    expect(() => planBullets(withHighlights(PLANS.PROFESSIONAL, [{ feature: "white-label" }]))).toThrow(PlanClaimError);
    expect(() => planBullets(withHighlights(PLANS.STARTER, [{ feature: "email-campaigns" }]))).toThrow(/coming soon/);
    expect(() => planBullets(withHighlights(PLANS.FREE, [{ feature: "ai-hashtags" }]))).toThrow(/flag is off/);
    expect(() => planBullets(withHighlights(PLANS.FREE, [{ limit: "clientOrganizations" }]))).toThrow(/which is 0/);
    expect(() => planBullets(withHighlights(PLANS.STARTER, [{ limit: "apiCallsPerHour" }]))).toThrow(/coming soon/);
  });

  it("refuses coming-soon highlights at compile time too", () => {
    // `pnpm --filter @mg/api typecheck` fails if any of these becomes a valid highlight.
    // @ts-expect-error a coming-soon feature is not a PlanHighlight
    const comingSoon: PlanHighlight = { feature: "email-campaigns" };
    // @ts-expect-error the public API's limit is not a PlanHighlight until the API ships
    const apiLimit: PlanHighlight = { limit: "apiCallsPerHour" };
    // @ts-expect-error free text is not a PlanHighlight
    const freeText: PlanHighlight = "Email campaigns";
    expect([comingSoon, apiLimit, freeText]).toHaveLength(3);
  });

  it("mentions each coming-soon plan feature on the card of the cheapest plan that will include it, and only there", () => {
    const cards = PLAN_LIST.map((plan) => ({ plan, soon: planComingSoon(plan) }));
    for (const { plan, soon } of cards) {
      for (const feature of soon) {
        expect(feature.status, `${plan.id}: ${feature.key}`).toBe("coming-soon");
        expect(feature.planFeature && plan.features[feature.planFeature], `${plan.id}: ${feature.key}`).toBe(true);
      }
    }
    for (const feature of COMING_SOON_FEATURES.filter((f) => f.planFeature)) {
      const on = cards.filter((card) => card.soon.includes(feature)).map((card) => card.plan.id);
      const cheapest = PLAN_LIST.find((plan) => feature.planFeature && plan.features[feature.planFeature])?.id;
      expect(on, feature.key).toEqual(cheapest ? [cheapest] : []);
    }
  });
});
