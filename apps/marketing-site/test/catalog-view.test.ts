import { describe, expect, it } from "vitest";
import { AVAILABLE_FEATURES, COMING_SOON_FEATURES, FEATURE_CATALOG, planBullets, QUOTA_FEATURE, type CatalogFeature } from "@mg/api/catalog";
import { PLAN_LIST, QUOTA_KEYS } from "@mg/api/plans";
import { comparison, everyPlanFeatures, HOME_HIGHLIGHTS, homeFeatures, paymentComingSoon, planCards, planNote } from "../src/lib/catalog-view";

/**
 * The home and pricing pages render these functions' answers as their feature lists (and nothing
 * else): these tests prove the lists are exactly the catalog's, split by status.
 */
const keys = (features: readonly CatalogFeature[]) => features.map((f) => f.key);
const sorted = (list: string[]) => [...list].sort();
const catalog: readonly CatalogFeature[] = FEATURE_CATALOG;

describe("the home page's feature lists", () => {
  const home = homeFeatures();
  const promised = [...home.highlights, ...home.included.flatMap((g) => g.features), ...home.agencies.available];

  it("promise every available feature once, and nothing else", () => {
    expect(sorted(keys(promised))).toEqual(sorted(keys(AVAILABLE_FEATURES)));
    expect(new Set(keys(promised)).size).toBe(promised.length);
    for (const feature of promised) expect(feature.status, feature.key).toBe("available");
    expect(keys(home.highlights)).toEqual([...HOME_HIGHLIGHTS]);
  });

  it("label every coming-soon feature, in its own section and in the agency section", () => {
    const soon = home.comingSoon.flatMap((g) => g.features);
    expect(sorted(keys(soon))).toEqual(sorted(keys(COMING_SOON_FEATURES)));
    for (const feature of [...soon, ...home.agencies.comingSoon]) expect(feature.status, feature.key).toBe("coming-soon");
    expect(keys(home.agencies.comingSoon)).toEqual(keys(COMING_SOON_FEATURES.filter((f) => f.area === "agencies")));
    expect(home.agencies.comingSoon.length).toBeGreaterThan(0);
  });

  it("show each feature with the catalog's own name and description", () => {
    for (const feature of [...promised, ...home.comingSoon.flatMap((g) => g.features)]) {
      expect(catalog.find((f) => f.key === feature.key), feature.key).toBe(feature);
    }
  });

  it("say which plan a plan-gated feature needs", () => {
    expect(planNote(catalog.find((f) => f.key === "ai-hashtags") ?? catalog[0]!)).toBe("From Starter");
    expect(planNote(catalog.find((f) => f.key === "hashtag-suggestions") ?? catalog[0]!)).toBeNull();
  });
});

describe("the pricing page's feature lists", () => {
  it("give each plan card the catalog's bullets for it, and only coming-soon features under Coming soon", () => {
    const cards = planCards();
    expect(cards.map((c) => c.plan.id)).toEqual(PLAN_LIST.map((p) => p.id));
    for (const card of cards) {
      expect(card.bullets).toEqual(planBullets(card.plan));
      for (const bullet of card.bullets) expect(bullet.feature.status, `${card.plan.id}: ${bullet.text}`).toBe("available");
      for (const feature of card.comingSoon) expect(feature.status, `${card.plan.id}: ${feature.key}`).toBe("coming-soon");
    }
  });

  it("list under \"In every plan\" only available features that every plan has", () => {
    const features = everyPlanFeatures().flatMap((g) => g.features);
    expect(features.length).toBeGreaterThan(0);
    for (const feature of features) {
      expect(feature.status, feature.key).toBe("available");
      if (feature.planFeature) for (const plan of PLAN_LIST) expect(plan.features[feature.planFeature], `${plan.id}: ${feature.key}`).toBe(true);
    }
    expect(keys(features)).toContain("local-time-calendar");
    expect(keys(features)).not.toContain("ai-hashtags");
  });

  it("compare every plan-gated feature once: available ones as included, coming-soon ones apart", () => {
    const view = comparison();
    const gated = catalog.filter((f) => f.planFeature);
    expect(sorted([...keys(view.features.map((r) => r.feature)), ...keys(view.comingSoon.map((r) => r.feature))])).toEqual(sorted(keys(gated)));
    for (const row of view.features) expect(row.feature.status, row.feature.key).toBe("available");
    for (const row of view.comingSoon) expect(row.feature.status, row.feature.key).toBe("coming-soon");
    for (const row of [...view.features, ...view.comingSoon]) {
      expect(row.included, row.feature.key).toEqual(PLAN_LIST.map((plan) => (row.feature.planFeature ? plan.features[row.feature.planFeature] : true)));
    }
  });

  it("flag the limits of coming-soon features (API calls before the public API)", () => {
    const view = comparison();
    expect(view.limits.map((r) => r.quota)).toEqual([...QUOTA_KEYS]);
    for (const row of view.limits) {
      const feature = catalog.find((f) => f.key === QUOTA_FEATURE[row.quota]);
      expect(row.comingSoon, row.quota).toBe(feature?.status === "coming-soon");
    }
    expect(view.limits.find((r) => r.quota === "apiCallsPerHour")?.comingSoon).toBe(true);
  });

  it("label paying online as coming soon while the catalog says so", () => {
    expect(paymentComingSoon()?.status).toBe(catalog.find((f) => f.key === "billing")?.status === "coming-soon" ? "coming-soon" : undefined);
  });
});
