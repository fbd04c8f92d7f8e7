import type { TenantDb } from "@mg/db";
import { isFreeMailDomain } from "../normalize";
import { jaroWinkler } from "./jaro-winkler";

/** Pairs compared per blocking key and scan: the scan stays bounded whatever the data. */
export const MAX_PAIRS_PER_BLOCK = 20_000;
/** Below this, two names are not called alike. */
export const NAME_THRESHOLD = 0.85;
/** Candidates below this score are not queued. */
export const MIN_SCORE = 0.7;

export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

interface PairRow {
  a: string;
  b: string;
  a_name: string;
  b_name: string;
  a_domain: string;
  b_domain: string;
  same_prefix: boolean;
}

/**
 * The score of two contacts that share a blocking key: Jaro–Winkler on the name keys, weighted by
 * what else they share. The same name alone scores 0.8; with the same company domain or phone
 * prefix 0.9; with both 0.99 (1 is kept for exact identifiers: same email or phone).
 */
export function scorePair(aName: string, bName: string, sameDomain: boolean, samePrefix: boolean): { score: number; reasons: string[] } | null {
  if (!aName || !bName) return null;
  const similarity = jaroWinkler(aName, bName);
  if (similarity < NAME_THRESHOLD) return null;
  const score = Math.min(0.99, Math.round(similarity * (0.8 + (sameDomain ? 0.1 : 0) + (samePrefix ? 0.1 : 0)) * 100) / 100);
  if (score < MIN_SCORE) return null;
  const reasons = [similarity === 1 ? "same name" : `similar name (${similarity.toFixed(2)})`];
  if (sameDomain) reasons.push("same company domain");
  if (samePrefix) reasons.push("same phone prefix");
  return { score, reasons };
}

/**
 * A scan of the organization's live contacts: exact duplicates (a phone two contacts share —
 * emails are a unique key and cannot be shared), then probable ones by blocking — same email
 * domain unless free mail, same phone prefix (country code and first digits), same first name
 * token — each block an equi-join PostgreSQL can hash, bounded, and each pair scored here.
 * Candidates are upserted: an open pair gets the new score; a dismissed or merged one stays so.
 */
export async function scanDuplicates(db: TenantDb, organizationId: string, visibility: { ownOnly: boolean; userId: string }): Promise<{ exact: number; probable: number; queued: number }> {
  const owner = visibility.ownOnly ? visibility.userId : null;
  const exact = await db.$queryRaw<{ a: string; b: string }[]>`
    WITH live AS (
      SELECT p.contact_id AS id, p.e164 FROM contact_phones p
      JOIN contacts c ON c.organization_id = p.organization_id AND c.id = p.contact_id
      WHERE p.organization_id = ${organizationId}::uuid AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
        AND (${owner}::uuid IS NULL OR c.owner_user_id = ${owner}::uuid)
    )
    SELECT DISTINCT a.id AS a, b.id AS b FROM live a JOIN live b ON a.e164 = b.e164 AND a.id < b.id
    LIMIT ${MAX_PAIRS_PER_BLOCK}`;
  const pairs = await db.$queryRaw<PairRow[]>`
    WITH live AS (
      SELECT id, name_key, split_part(name_key, ' ', 1) AS first_token, coalesce(split_part(primary_email, '@', 2), '') AS domain, left(primary_phone, 7) AS prefix
      FROM contacts
      WHERE organization_id = ${organizationId}::uuid AND deleted_at IS NULL AND merged_into_id IS NULL AND name_key <> ''
        AND (${owner}::uuid IS NULL OR owner_user_id = ${owner}::uuid)
    ),
    candidates AS (
      (SELECT a.id AS a, b.id AS b FROM live a JOIN live b ON a.domain = b.domain AND a.id < b.id WHERE a.domain <> '' LIMIT ${MAX_PAIRS_PER_BLOCK})
      UNION
      (SELECT a.id, b.id FROM live a JOIN live b ON a.prefix = b.prefix AND a.id < b.id LIMIT ${MAX_PAIRS_PER_BLOCK})
      UNION
      (SELECT a.id, b.id FROM live a JOIN live b ON a.first_token = b.first_token AND a.id < b.id LIMIT ${MAX_PAIRS_PER_BLOCK})
    )
    SELECT c.a, c.b, la.name_key AS a_name, lb.name_key AS b_name, la.domain AS a_domain, lb.domain AS b_domain,
           coalesce(la.prefix = lb.prefix, false) AS same_prefix
    FROM candidates c JOIN live la ON la.id = c.a JOIN live lb ON lb.id = c.b`;
  const scored: ScoredPair[] = exact.map((p) => ({ a: p.a, b: p.b, score: 1, reasons: ["same phone"] }));
  const exactKeys = new Set(exact.map((p) => `${p.a}:${p.b}`));
  for (const p of pairs) {
    if (exactKeys.has(`${p.a}:${p.b}`)) continue;
    const sameDomain = p.a_domain !== "" && p.a_domain === p.b_domain && !isFreeMailDomain(p.a_domain);
    const result = scorePair(p.a_name, p.b_name, sameDomain, p.same_prefix);
    if (result) scored.push({ a: p.a, b: p.b, ...result });
  }
  const queued = await upsertCandidates(db, organizationId, scored);
  return { exact: exact.length, probable: scored.length - exact.length, queued };
}

export async function upsertCandidates(db: TenantDb, organizationId: string, pairs: readonly ScoredPair[]): Promise<number> {
  if (pairs.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO duplicate_candidates (id, organization_id, object, record_a_id, record_b_id, score, reasons, status, created_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, 'CONTACT'::"CrmObject", p.a, p.b, p.score, string_to_array(p.reasons, E'\\x1F'), 'OPEN'::"DuplicateStatus", now(), now()
    FROM unnest(${pairs.map((p) => p.a)}::uuid[], ${pairs.map((p) => p.b)}::uuid[], ${pairs.map((p) => p.score)}::float8[], ${pairs.map((p) => p.reasons.join("\u001f"))}::text[]) AS p(a, b, score, reasons)
    ON CONFLICT (organization_id, object, record_a_id, record_b_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now()
    WHERE duplicate_candidates.status = 'OPEN'`;
}
