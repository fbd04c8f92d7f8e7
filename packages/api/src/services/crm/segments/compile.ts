import { Prisma } from "@mg/db";
import type { RecordVisibility } from "../record-visibility";
import { normalizeTag } from "../normalize";
import type { LifecycleStageName } from "../../../schemas/crm/contacts";
import type { SegmentCondition, SegmentFilter, SegmentGroup } from "../../../schemas/crm/segment";

/**
 * The segment compiler: a filter (schemas/crm/segment.ts) → one SQL boolean over the contact row
 * aliased `c`. Built only from Prisma.sql fragments, so every value the user typed is a bound
 * parameter; column and table names come from the fixed maps below, never from input.
 *
 * Facts that live in other tables (custom field values, consent, deals, activities, lists) are
 * correlated EXISTS subqueries on their `(organization_id, …, contact_id)` indexes, each pinned
 * to the same organization as the contact — besides RLS, which the tenant client's transaction
 * applies to every table — so a crafted id of another tenant's list or field finds no rows.
 *
 * Exported for every feature that targets contacts (counts, pages, list snapshots, exports,
 * broadcasts): segmentWhereSql for the WHERE, segmentContactIdsSql for a set of ids.
 */

/**
 * `contacts.lifecycle_rank` for each stage: what PostgreSQL computes (`mg_lifecycle_rank`, migration
 * 20261203200000_contacts_lifecycle_rank) — test/crm/segments/lifecycle-rank.test.ts holds the two
 * to the same numbers.
 */
export const LIFECYCLE_RANK: Readonly<Record<LifecycleStageName, number>> = {
  SUBSCRIBER: 0,
  LEAD: 1,
  MARKETING_QUALIFIED: 2,
  SALES_QUALIFIED: 3,
  OPPORTUNITY: 4,
  CUSTOMER: 5,
  OTHER: 6,
};

export interface SegmentScope {
  organizationId: string;
  visibility: RecordVisibility;
}

const CONTACT_TEXT_COLUMNS = {
  firstName: Prisma.sql`c.first_name`,
  lastName: Prisma.sql`c.last_name`,
  email: Prisma.sql`c.primary_email`,
  phone: Prisma.sql`c.primary_phone`,
  jobTitle: Prisma.sql`c.job_title`,
  source: Prisma.sql`c.source`,
} as const;

const CONTACT_DATE_COLUMNS = { createdAt: Prisma.sql`c.created_at`, updatedAt: Prisma.sql`c.updated_at` } as const;

const COMPANY_COLUMNS = {
  name: Prisma.sql`co.name`,
  domain: Prisma.sql`co.domain`,
  industry: Prisma.sql`co.industry`,
  size: Prisma.sql`co.size`,
  country: Prisma.sql`co.country`,
} as const;

const ACTIVITY_KINDS = { form_submitted: "FORM_SUBMITTED", email_opened: "EMAIL_OPENED", email_clicked: "EMAIL_CLICKED", page_visited: "PAGE_VISITED" } as const;
const STAGE_KINDS = { open: "OPEN", won: "WON", lost: "LOST" } as const;

/** An empty group constrains nothing (a new segment starts as "every contact"). */
const TRUE = Prisma.sql`TRUE`;

/** `%` and `_` are wildcards in LIKE: "50%" means those three characters. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Text operators, case-insensitive (people type "acme" for "Acme"). Empty means NULL or ''. */
function textTest(column: Prisma.Sql, op: string, value: string | undefined): Prisma.Sql {
  const v = value ?? "";
  switch (op) {
    case "equals":
      return Prisma.sql`lower(${column}) = lower(${v})`;
    case "not_equals":
      return Prisma.sql`(${column} IS NULL OR lower(${column}) <> lower(${v}))`;
    case "contains":
      return Prisma.sql`${column} ILIKE ${`%${escapeLike(v)}%`}`;
    case "not_contains":
      return Prisma.sql`(${column} IS NULL OR ${column} NOT ILIKE ${`%${escapeLike(v)}%`})`;
    case "starts_with":
      return Prisma.sql`${column} ILIKE ${`${escapeLike(v)}%`}`;
    case "is_empty":
      return Prisma.sql`(${column} IS NULL OR ${column} = '')`;
    case "is_not_empty":
      return Prisma.sql`(${column} IS NOT NULL AND ${column} <> '')`;
    default:
      throw new Error(`unknown text operator ${op}`);
  }
}

/** Dates: calendar days in UTC for before/after ("before 2026-03-01" = earlier than that day). */
function dateTest(column: Prisma.Sql, op: string, date: string | undefined, days: number | undefined): Prisma.Sql {
  switch (op) {
    case "before":
      return Prisma.sql`${column} < (${date ?? ""}::date)::timestamp AT TIME ZONE 'UTC'`;
    case "after":
      // After a day = from the next day on.
      return Prisma.sql`${column} >= ((${date ?? ""}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
    case "in_last_days":
      return Prisma.sql`${column} >= now() - make_interval(days => ${days ?? 0}::int)`;
    case "not_in_last_days":
      return Prisma.sql`${column} < now() - make_interval(days => ${days ?? 0}::int)`;
    default:
      throw new Error(`unknown date operator ${op}`);
  }
}

function numberTest(column: Prisma.Sql, op: string, value: number | undefined, valueTo: number | undefined): Prisma.Sql {
  const v = value ?? 0;
  switch (op) {
    case "eq":
      return Prisma.sql`${column} = ${v}`;
    case "gt":
      return Prisma.sql`${column} > ${v}`;
    case "lt":
      return Prisma.sql`${column} < ${v}`;
    case "between":
      // Inclusive, in whichever order the bounds came.
      return Prisma.sql`${column} BETWEEN SYMMETRIC ${v} AND ${valueTo ?? v}`;
    default:
      throw new Error(`unknown number operator ${op}`);
  }
}

function customTest(condition: Extract<SegmentCondition, { kind: "custom" }>, org: Prisma.Sql): Prisma.Sql {
  const valueRow = (test: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM custom_field_values v WHERE v.organization_id = ${org} AND v.field_id = ${condition.fieldId}::uuid AND v.contact_id = c.id AND ${test})`;
  // The column a type stores its value in (see the CustomFieldValue model).
  const stored = {
    text: Prisma.sql`(v.value_text IS NOT NULL AND v.value_text <> '')`,
    number: Prisma.sql`v.value_number IS NOT NULL`,
    date: Prisma.sql`v.value_date IS NOT NULL`,
    boolean: Prisma.sql`v.value_bool IS NOT NULL`,
    single_select: Prisma.sql`(v.value_text IS NOT NULL AND v.value_text <> '')`,
    multi_select: Prisma.sql`cardinality(v.value_options) > 0`,
  }[condition.type];
  if (condition.op === "is_empty") return Prisma.sql`NOT ${valueRow(stored)}`;
  if (condition.op === "is_not_empty") return valueRow(stored);
  switch (condition.type) {
    case "text":
      return valueRow(textTest(Prisma.sql`v.value_text`, condition.op, condition.value));
    case "number":
      return valueRow(numberTest(Prisma.sql`v.value_number`, condition.op, condition.value, condition.valueTo));
    case "date":
      return valueRow(dateTest(Prisma.sql`v.value_date`, condition.op, condition.date, condition.days));
    case "boolean":
      return valueRow(Prisma.sql`v.value_bool = ${condition.op === "is_true"}`);
    case "single_select":
      return condition.op === "in"
        ? valueRow(Prisma.sql`v.value_text = ANY(${condition.optionIds}::text[])`)
        : Prisma.sql`NOT ${valueRow(Prisma.sql`v.value_text = ANY(${condition.optionIds}::text[])`)}`;
    case "multi_select":
      return valueRow(condition.op === "has_all" ? Prisma.sql`v.value_options @> ${condition.optionIds}::text[]` : Prisma.sql`v.value_options && ${condition.optionIds}::text[]`);
  }
}

function conditionSql(condition: SegmentCondition, scope: SegmentScope, org: Prisma.Sql): Prisma.Sql {
  switch (condition.kind) {
    case "contact_text":
      return textTest(CONTACT_TEXT_COLUMNS[condition.field], condition.op, condition.value);
    case "contact_date":
      return dateTest(CONTACT_DATE_COLUMNS[condition.field], condition.op, condition.date, condition.days);
    case "tags": {
      const tags = [...new Set(condition.values.map(normalizeTag))];
      if (condition.op === "has_all") return Prisma.sql`c.tags @> ${tags}::text[]`;
      if (condition.op === "has_any") return Prisma.sql`c.tags && ${tags}::text[]`;
      return Prisma.sql`NOT (c.tags && ${tags}::text[])`;
    }
    case "lifecycle": {
      // By rank, not by the enum: int2 equality is LEAKPROOF, so under RLS it is an index condition.
      const ranks = Prisma.sql`${condition.values.map((stage) => LIFECYCLE_RANK[stage])}::smallint[]`;
      return condition.op === "in" ? Prisma.sql`c.lifecycle_rank = ANY(${ranks})` : Prisma.sql`c.lifecycle_rank <> ALL(${ranks})`;
    }
    case "score":
      return numberTest(Prisma.sql`c.score`, condition.op, condition.value, condition.valueTo);
    case "owner":
      switch (condition.op) {
        case "is":
          return Prisma.sql`c.owner_user_id = ${condition.userId ?? ""}::uuid`;
        case "is_not":
          return Prisma.sql`(c.owner_user_id IS NULL OR c.owner_user_id <> ${condition.userId ?? ""}::uuid)`;
        case "is_empty":
          return Prisma.sql`c.owner_user_id IS NULL`;
        case "is_not_empty":
          return Prisma.sql`c.owner_user_id IS NOT NULL`;
      }
      break;
    case "company": {
      const live = Prisma.sql`co.organization_id = ${org} AND co.id = c.company_id AND co.deleted_at IS NULL AND co.merged_into_id IS NULL`;
      const column = COMPANY_COLUMNS[condition.field];
      // "Empty" and the negative operators also hold for a contact without a (live) company.
      if (condition.op === "is_empty") return Prisma.sql`NOT EXISTS (SELECT 1 FROM companies co WHERE ${live} AND ${textTest(column, "is_not_empty", undefined)})`;
      if (condition.op === "not_equals") return Prisma.sql`NOT EXISTS (SELECT 1 FROM companies co WHERE ${live} AND ${textTest(column, "equals", condition.value)})`;
      if (condition.op === "not_contains") return Prisma.sql`NOT EXISTS (SELECT 1 FROM companies co WHERE ${live} AND ${textTest(column, "contains", condition.value)})`;
      return Prisma.sql`EXISTS (SELECT 1 FROM companies co WHERE ${live} AND ${textTest(column, condition.op, condition.value)})`;
    }
    case "custom":
      return customTest(condition, org);
    case "consent": {
      // The ledger is append-only: the newest row for (contact, channel, purpose) is the consent.
      const latest = Prisma.sql`(SELECT cr.status::text FROM consent_records cr
        WHERE cr.organization_id = ${org} AND cr.contact_id = c.id AND cr.channel = ${condition.channel}::"ConsentChannel" AND cr.purpose = ${condition.purpose}
        ORDER BY cr.recorded_at DESC, cr.id DESC LIMIT 1)`;
      if (condition.state === "never") return Prisma.sql`${latest} IS NULL`;
      return Prisma.sql`${latest} = ${condition.state === "granted" ? "GRANTED" : "WITHDRAWN"}`;
    }
    case "deal": {
      const tests: Prisma.Sql[] = [Prisma.sql`dc.organization_id = ${org}`, Prisma.sql`dc.contact_id = c.id`, Prisma.sql`d.deleted_at IS NULL`];
      if (condition.status !== "any") tests.push(Prisma.sql`s.kind = ${STAGE_KINDS[condition.status]}::"StageKind"`);
      if (condition.pipelineId) tests.push(Prisma.sql`d.pipeline_id = ${condition.pipelineId}::uuid`);
      if (condition.stageId) tests.push(Prisma.sql`d.stage_id = ${condition.stageId}::uuid`);
      // A member kept to their own records learns nothing from deals they cannot see.
      if (scope.visibility.ownOnly) tests.push(Prisma.sql`d.owner_user_id = ${scope.visibility.userId}::uuid`);
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM deal_contacts dc
        JOIN deals d ON d.organization_id = dc.organization_id AND d.id = dc.deal_id
        JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.id = d.stage_id
        WHERE ${Prisma.join(tests, " AND ")})`;
      return condition.has ? exists : Prisma.sql`NOT ${exists}`;
    }
    case "activity": {
      const tests: Prisma.Sql[] = [
        Prisma.sql`a.organization_id = ${org}`,
        Prisma.sql`a.contact_id = c.id`,
        Prisma.sql`a.kind = ${ACTIVITY_KINDS[condition.activity]}::"ActivityKind"`,
        Prisma.sql`a.occurred_at >= now() - make_interval(days => ${condition.days}::int)`,
      ];
      if (condition.activity === "form_submitted" && condition.formId) tests.push(Prisma.sql`a.payload->>'formId' = ${condition.formId}`);
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM activities a WHERE ${Prisma.join(tests, " AND ")})`;
      return condition.has ? exists : Prisma.sql`NOT ${exists}`;
    }
    case "list": {
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM contact_list_members m WHERE m.organization_id = ${org} AND m.list_id = ${condition.listId}::uuid AND m.contact_id = c.id)`;
      return condition.op === "in" ? exists : Prisma.sql`NOT ${exists}`;
    }
  }
  throw new Error("unknown segment condition");
}

function combine(match: "all" | "any", parts: Prisma.Sql[]): Prisma.Sql {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0] ?? TRUE;
  return Prisma.sql`(${Prisma.join(parts, match === "all" ? " AND " : " OR ")})`;
}

function groupSql(group: SegmentGroup, scope: SegmentScope, org: Prisma.Sql): Prisma.Sql {
  return combine(
    group.match,
    group.conditions.map((condition) => conditionSql(condition, scope, org)),
  );
}

/** The contacts a caller may see at all: this organization's live ones (and only their own when so restricted). */
export function liveContactsSql(scope: SegmentScope): Prisma.Sql {
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  const base = [Prisma.sql`c.organization_id = ${org}`, Prisma.sql`c.deleted_at IS NULL`, Prisma.sql`c.merged_into_id IS NULL`];
  if (scope.visibility.ownOnly) base.push(Prisma.sql`c.owner_user_id = ${scope.visibility.userId}::uuid`);
  return Prisma.join(base, " AND ");
}

/** The filter as a boolean over `contacts c` — without the live/visibility base (see segmentWhereSql). */
export function filterSql(filter: SegmentFilter, scope: SegmentScope): Prisma.Sql {
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  const parts = filter.conditions.map((item) => (item.kind === "group" ? groupSql(item, scope, org) : conditionSql(item, scope, org)));
  return combine(filter.match, parts);
}

/** The whole WHERE of a segment over `contacts c`: live, visible, matching. */
export function segmentWhereSql(filter: SegmentFilter, scope: SegmentScope): Prisma.Sql {
  return Prisma.sql`${liveContactsSql(scope)} AND ${filterSql(filter, scope)}`;
}

/** `SELECT c.id FROM contacts c WHERE …`: the members as a set, for INSERT … SELECT and IN (…). */
export function segmentContactIdsSql(filter: SegmentFilter, scope: SegmentScope): Prisma.Sql {
  return Prisma.sql`SELECT c.id FROM contacts c WHERE ${segmentWhereSql(filter, scope)}`;
}
