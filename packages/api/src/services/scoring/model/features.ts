import type { TenantDb } from "@mg/db";
import { isFreeMail } from "../free-mail";

/**
 * The model's features: numbers and yes/no facts about a contact that do not already say whether
 * it converted (no lifecycle stage, no deals, no score — the score's fact rules may read the
 * stage). Behaviour counts come from the timeline (forms, landing pages, emails) and the ledger
 * (tracked link clicks, which visits do not tie to a contact).
 */
export const FEATURES = [
  { key: "has_company", label: "Has a company" },
  { key: "company_size", label: "Company size" },
  { key: "has_job_title", label: "Has a job title" },
  { key: "business_email", label: "Business email address" },
  { key: "has_phone", label: "Has a phone number" },
  { key: "tags", label: "Number of tags" },
  { key: "forms", label: "Forms submitted" },
  { key: "page_visits", label: "Landing pages visited" },
  { key: "link_clicks", label: "Tracked links clicked" },
  { key: "email_engagement", label: "Emails opened or clicked" },
  { key: "age_days", label: "Days since created (log)" },
] as const;

const SIZE_BUCKET: Record<string, number> = { "1-10": 1, "11-50": 2, "51-200": 3, "201-1000": 4, "1000+": 5 };

export interface ContactFeatures {
  contactId: string;
  x: number[];
  converted: 0 | 1;
}

interface Row {
  id: string;
  primary_email: string | null;
  primary_phone: string | null;
  job_title: string | null;
  tags: number;
  company_live: boolean;
  company_size: string | null;
  lifecycle_stage: string;
  won: boolean;
  forms: number;
  pages: number;
  emails: number;
  links: number;
  created_at: Date;
}

/** Features of the organization's live contacts (all of them, or `contactIds`), with the conversion label. */
export async function contactFeatures(db: TenantDb, organizationId: string, now: Date, contactIds?: readonly string[]): Promise<ContactFeatures[]> {
  const only = contactIds ? [...contactIds] : null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.primary_email, c.primary_phone, c.job_title, cardinality(c.tags)::int AS tags, c.lifecycle_stage::text AS lifecycle_stage, c.created_at,
      (co.id IS NOT NULL AND co.deleted_at IS NULL AND co.merged_into_id IS NULL) AS company_live, co.size AS company_size,
      EXISTS (SELECT 1 FROM deal_contacts dc JOIN deals d ON d.organization_id = dc.organization_id AND d.id = dc.deal_id
              JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.id = d.stage_id
              WHERE dc.organization_id = c.organization_id AND dc.contact_id = c.id AND d.deleted_at IS NULL AND s.kind = 'WON') AS won,
      coalesce(a.forms, 0)::int AS forms, coalesce(a.pages, 0)::int AS pages, coalesce(a.emails, 0)::int AS emails,
      (SELECT count(*) FROM score_ledger l JOIN score_rules r ON r.organization_id = l.organization_id AND r.id = l.rule_id
        WHERE l.organization_id = c.organization_id AND l.contact_id = c.id AND r.event = 'link_clicked' AND l.decay_of_id IS NULL)::int AS links
    FROM contacts c
    LEFT JOIN companies co ON co.organization_id = c.organization_id AND co.id = c.company_id
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE kind = 'FORM_SUBMITTED') AS forms, count(*) FILTER (WHERE kind = 'PAGE_VISITED') AS pages,
        count(*) FILTER (WHERE kind IN ('EMAIL_OPENED', 'EMAIL_CLICKED')) AS emails
      FROM activities WHERE organization_id = c.organization_id AND contact_id = c.id
    ) a ON true
    WHERE c.organization_id = ${organizationId}::uuid AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
      AND (${only}::uuid[] IS NULL OR c.id = ANY(${only}::uuid[]))
    ORDER BY c.id`;
  return rows.map((r) => ({
    contactId: r.id,
    converted: r.lifecycle_stage === "CUSTOMER" || r.won ? 1 : 0,
    x: [
      r.company_live ? 1 : 0,
      r.company_live && r.company_size ? (SIZE_BUCKET[r.company_size] ?? 0) : 0,
      r.job_title && r.job_title.trim() !== "" ? 1 : 0,
      r.primary_email && !isFreeMail(r.primary_email) ? 1 : 0,
      r.primary_phone ? 1 : 0,
      r.tags,
      r.forms,
      r.pages,
      r.links,
      r.emails,
      // Whole days: sub-day noise would be amplified by the standardization into a fake signal.
      Math.log1p(Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 86_400_000))),
    ],
  }));
}
