// 100,000 contacts through the real import path — the dry run (contactImports.preview), then
// contactImports.start and the chunked job (delivered in process, as without an engine: chunks of
// set-based INSERT … unnest as the RLS-scoped app role, with undo records, the timeline and the
// duplicate check) — against a plain multi-row INSERT of the same contacts, emails and phones.
// BENCH_CONTACTS_ROWS scales it. Goal: the job's throughput ≥ 0.5× the plain INSERT's.
import { randomUUID } from "node:crypto";
import { createCaller, createInnerContext } from "@mg/api";
import { systemDb } from "@mg/db/system";
import { settleLocalContactImports } from "@mg/jobs";
import type pg from "pg";
import { benchTenant, rawClient, report, timed } from "./support";

const ROWS = Number(process.env.BENCH_CONTACTS_ROWS ?? 100_000);
const FIRST = ["Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kim", "Lea", "Max", "Nia", "Oli", "Pia"];
const LAST = ["Lee", "Stone", "Diaz", "Moss", "Hart", "Khan", "Novak", "Okafor", "Silva", "Weber", "Young", "Zhou"];

interface BenchContact {
  first: string;
  last: string;
  email: string;
  phone: string;
  title: string;
}

function contactAt(i: number): BenchContact {
  return {
    first: FIRST[i % FIRST.length] ?? "Ann",
    last: `${LAST[(i * 7) % LAST.length] ?? "Lee"}-${i}`,
    email: `person${i}@company${i % 500}.example`,
    // UK mobiles 07911 000000…: written nationally, normalized to E.164 with the org's country (GB).
    phone: `07911 ${String(i).padStart(6, "0")}`,
    title: i % 3 === 0 ? "Buyer" : "Owner",
  };
}

async function plainContacts(client: pg.Client, organizationId: string, contacts: BenchContact[], chunk = 1_000): Promise<void> {
  await client.query("BEGIN");
  try {
    for (let i = 0; i < contacts.length; i += chunk) {
      const part = contacts.slice(i, i + chunk).map((c) => ({ ...c, id: randomUUID(), e164: `+447911${c.phone.slice(6)}` }));
      const cv: unknown[] = [];
      const ct = part.map((c, j) => {
        cv.push(c.id, organizationId, c.first, c.last, `${c.first} ${c.last}`.toLowerCase(), c.email, c.e164, c.title);
        const b = j * 8;
        return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, 'import', now())`;
      });
      await client.query(`INSERT INTO contacts (id, organization_id, first_name, last_name, name_key, primary_email, primary_phone, job_title, source, updated_at) VALUES ${ct.join(",")}`, cv);
      const ev: unknown[] = [];
      const et = part.map((c, j) => {
        ev.push(randomUUID(), organizationId, c.id, c.email);
        const b = j * 4;
        return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}::uuid, $${b + 4}, $${b + 4}, true)`;
      });
      await client.query(`INSERT INTO contact_emails (id, organization_id, contact_id, email, email_key, is_primary) VALUES ${et.join(",")}`, ev);
      const pv: unknown[] = [];
      const pt = part.map((c, j) => {
        pv.push(randomUUID(), organizationId, c.id, c.e164);
        const b = j * 4;
        return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}::uuid, $${b + 4}, true)`;
      });
      await client.query(`INSERT INTO contact_phones (id, organization_id, contact_id, e164, is_primary) VALUES ${pt.join(",")}`, pv);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export async function benchContactImport(): Promise<void> {
  const tenant = await benchTenant("contacts", 0);
  const baselineTenant = await benchTenant("contacts-base", 0);
  await systemDb().organization.update({ where: { id: tenant.org.id }, data: { country: "GB" } });
  const client = await rawClient();
  try {
    const contacts = Array.from({ length: ROWS }, (_, i) => contactAt(i));
    const csv = ["First name,Last name,Email,Phone,Job title", ...contacts.map((c) => `${c.first},${c.last},${c.email},${c.phone},${c.title}`)].join("\n");
    const caller = createCaller(createInnerContext({ user: tenant.user, orgSlug: tenant.org.slug, ip: "127.0.0.1", userAgent: "bench" }));

    const dryRun = await timed(() => caller.contactImports.preview({ fileName: "contacts.csv", csvText: csv, tags: ["bench"] }));
    const importId = dryRun.result.import.id;
    const job = await timed(async () => {
      await caller.contactImports.start({ importId });
      await settleLocalContactImports();
      return caller.contactImports.get({ importId });
    });
    if (job.result.status !== "DONE" || job.result.createdCount !== ROWS) {
      throw new Error(`contact import bench: ${job.result.status}, ${job.result.createdCount} of ${ROWS} created (${job.result.errorCount} errors)`);
    }
    const baseline = await timed(() => plainContacts(client, baselineTenant.org.id, contacts));
    report("Contact CSV import (contactImports.start → chunked job)", ROWS, job.ms, baseline.ms, {
      "throughput ratio": `${(baseline.ms / job.ms).toFixed(2)}x of the plain INSERT (goal ≥ 0.5x)`,
      "dry run (preview)": `${dryRun.ms.toFixed(0)} ms (${Math.round((ROWS / dryRun.ms) * 1000).toLocaleString("en-US")} rows/s)`,
      "created": job.result.createdCount,
      "csv size": `${(csv.length / 1024 / 1024).toFixed(1)} MB`,
      "per row also written": "undo record, IMPORTED activity, duplicate check",
    });
  } finally {
    await client.end();
    await tenant.cleanup();
    await baselineTenant.cleanup();
  }
}
