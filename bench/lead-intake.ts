import { randomUUID } from "node:crypto";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { FormDefinition } from "../packages/api/src/schemas/forms";
import { receiveSubmission } from "../packages/api/src/services/lead-forms/intake";
import { signRenderToken } from "../packages/api/src/services/lead-forms/token";
import { buildSite, startSite } from "./site";
import { benchTenant, rawClient, report, timed } from "./support";

/**
 * `BENCH_ONLY=intake`: the public lead form intake (docs/lead-capture.md, "Forms and intake").
 *
 * 1. Throughput: BENCH_INTAKE_ROWS submissions (default 5,000) through the intake itself — token,
 *    honeypot, render time, the sliding rate limits, validation, disposable-address check, then the
 *    raw submission and its outbox event in one transaction — against a plain INSERT of the same
 *    rows, one statement per submission (as a bare endpoint would), at the same concurrency.
 *    Goal: ≥ 0.5× the plain INSERT's throughput. Spread over forms and IPs as real traffic is, so
 *    the real limits stay on.
 * 2. Load over HTTP (a production build of the site): 10× nominal load for BENCH_INTAKE_LOAD_S
 *    seconds (default 60) from many IPs plus one abusive IP. Nominal is one submission a second
 *    across an organization's forms (a busy small business); 10× is ten a second over two forms.
 *    Then every acknowledged submission must become exactly one contact event (processed by the
 *    job in the site's process, the relay for anything left), and the abusive IP must get 429.
 */
const DEFINITION: FormDefinition = {
  steps: [
    {
      fields: [
        { id: "first_name", kind: "text", label: "First name", required: true, mapsTo: { kind: "contact", field: "firstName" } },
        { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
      ],
    },
  ],
  submitLabel: "Send",
};
const CONCURRENCY = 8;

async function createForms(orgId: string, count: number, tag: string) {
  return withOrg(orgId, async (db) => {
    const forms = [];
    for (let i = 0; i < count; i++) {
      forms.push(await db.leadForm.create({ data: { organizationId: orgId, slug: `bench-${tag}-${i}`, name: `Bench ${i}`, definition: DEFINITION as object, revision: 1 }, select: { id: true, revision: true } }));
    }
    return forms;
  });
}

function submissionFields(token: string, n: number, tag: string): Map<string, string[]> {
  return new Map([
    ["_token", [token]],
    ["first_name", [`Lead ${n}`]],
    ["email", [`lead-${tag}-${n}@example.com`]],
  ]);
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

async function benchThroughput(): Promise<void> {
  const rows = Number(process.env.BENCH_INTAKE_ROWS ?? 5_000);
  const tenant = await benchTenant("intake", 0);
  const tag = randomUUID().slice(0, 6);
  try {
    // 500 a form: under the per-form minute allowance (600) — real traffic is spread, and so is this.
    const forms = await createForms(tenant.org.id, Math.ceil(rows / 500), tag);
    const issuedAt = new Date(Date.now() - 10_000);
    const items = Array.from({ length: rows }, (_, n) => {
      const form = forms[n % forms.length] ?? forms[0];
      if (!form) throw new Error("no form");
      return { n, form, submissionId: randomUUID() };
    });
    let refused = 0;
    const product = await timed(() =>
      inParallel(items, CONCURRENCY, async ({ n, form, submissionId }) => {
        const token = signRenderToken({ organizationId: tenant.org.id, formId: form.id, revision: form.revision, submissionId, issuedAt, via: "hosted" });
        // One visitor per submission (a distinct IP), as the per-IP limit sees real visitors.
        const outcome = await receiveSubmission({ fields: submissionFields(token, n, tag), ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, userAgent: "bench", referrer: null, visitorId: null });
        if (outcome.kind !== "accepted") refused++;
      }),
    );
    if (refused > 0) throw new Error(`${refused} of ${rows} bench submissions were refused`);

    const client = await rawClient();
    const baselineForm = forms[0];
    if (!baselineForm) throw new Error("no form");
    const plain = await timed(async () => {
      const pool = Array.from({ length: CONCURRENCY }, () => rawClient());
      const clients = await Promise.all(pool);
      let next = 0;
      await Promise.all(
        clients.map(async (c) => {
          while (next < rows) {
            const n = next++;
            await c.query(
              `INSERT INTO form_submissions (id, organization_id, form_id, form_revision, values, context, status, received_at)
               VALUES ($1, $2, $3, 1, $4, $5, 'RECEIVED', now())`,
              [randomUUID(), tenant.org.id, baselineForm.id, JSON.stringify({ first_name: `Lead ${n}`, email: `plain-${tag}-${n}@example.com` }), JSON.stringify({ ip: "10.0.0.1", userAgent: "bench", via: "hosted" })],
            );
          }
        }),
      );
      await Promise.all(clients.map((c) => c.end()));
    });
    await client.end();
    report("lead form intake (token, spam layers, rate limits, validation, submission + outbox event in one transaction)", rows, product.ms, plain.ms, {
      "throughput ratio": `${(plain.ms / product.ms).toFixed(2)}x of plain INSERT (goal ≥ 0.50x)`,
      concurrency: CONCURRENCY,
    });
  } finally {
    await tenant.cleanup();
  }
}

async function benchLoad(): Promise<void> {
  const seconds = Number(process.env.BENCH_INTAKE_LOAD_S ?? 60);
  const perSecond = 10;
  const tenant = await benchTenant("intake-load", 0);
  const tag = randomUUID().slice(0, 6);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", TRUSTED_PROXY_COUNT: "1" };
  await buildSite(env);
  const site = await startSite(env);
  try {
    const forms = await createForms(tenant.org.id, 2, tag);
    const acknowledged: string[] = [];
    const abusive = { sent: 0, limited: 0, acknowledged: [] as string[] };
    let otherRefusals = 0;
    let n = 0;
    const send = async (ip: string, form: { id: string; revision: number }): Promise<{ status: number; submissionId: string }> => {
      const submissionId = randomUUID();
      const token = signRenderToken({ organizationId: tenant.org.id, formId: form.id, revision: form.revision, submissionId, issuedAt: new Date(Date.now() - 5_000), via: "hosted" });
      const body = new URLSearchParams([...submissionFields(token, n++, tag)].map(([k, [v]]) => [k, v ?? ""]));
      const response = await fetch(`${site.url}/f/submit`, { method: "POST", body, headers: { accept: "application/json", "x-forwarded-for": ip, "user-agent": "Mozilla/5.0 (bench)" } });
      await response.arrayBuffer();
      return { status: response.status, submissionId };
    };
    const inFlight: Promise<void>[] = [];
    const started = Date.now();
    for (let tick = 0; tick < seconds * perSecond; tick++) {
      const due = started + (tick * 1000) / perSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      const form = forms[tick % 2] ?? forms[0];
      if (!form) throw new Error("no form");
      // Many visitors: a fresh address each time.
      inFlight.push(
        send(`198.51.${(tick >> 8) & 255}.${tick & 255}`, form).then(({ status, submissionId }) => {
          if (status === 200) acknowledged.push(submissionId);
          else otherRefusals++;
        }),
      );
      // The abusive one: half as often again, always the same address and form.
      if (tick % 2 === 0) {
        abusive.sent++;
        inFlight.push(
          send("203.0.113.66", forms[0] ?? form).then(({ status, submissionId }) => {
            if (status === 429) abusive.limited++;
            else if (status === 200) abusive.acknowledged.push(submissionId);
          }),
        );
      }
    }
    await Promise.all(inFlight);
    const all = [...acknowledged, ...abusive.acknowledged];
    // Processing runs in the site's process right after each answer; wait for it (the relay would pick up the rest).
    const deadline = Date.now() + 180_000;
    let processed = 0;
    while (Date.now() < deadline) {
      processed = await withOrg(tenant.org.id, (db) => db.formSubmission.count({ where: { id: { in: all }, status: "PROCESSED", contactId: { not: null } } }));
      if (processed === all.length) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const events = await withOrg(tenant.org.id, async (db) => {
      const rows = await db.formSubmission.findMany({ where: { id: { in: all } }, select: { contactId: true } });
      const contactIds = rows.map((r) => r.contactId).filter((id): id is string => id !== null);
      const perContact = await db.activity.groupBy({ by: ["contactId"], where: { contactId: { in: contactIds }, kind: "FORM_SUBMITTED" }, _count: { _all: true } });
      return { stored: rows.length, exactlyOne: perContact.filter((g) => g._count._all === 1).length };
    });
    const lost = all.length - events.stored;
    console.log(`\nlead form intake under load over HTTP (10x nominal: ${perSecond}/s for ${seconds} s over 2 forms, many IPs + 1 abusive IP)`);
    console.log(`  acknowledged:         ${all.length.toLocaleString("en-US")} (abusive IP: ${abusive.acknowledged.length})`);
    console.log(`  other refusals:       ${otherRefusals}`);
    console.log(`  abusive IP:           ${abusive.limited} of ${abusive.sent} answered 429`);
    console.log(`  lost (acknowledged, not stored): ${lost}`);
    console.log(`  processed:            ${processed} of ${all.length}; exactly one contact event: ${events.exactlyOne} of ${all.length}`);
    if (lost > 0 || events.exactlyOne !== all.length || abusive.limited === 0) console.log("  RESULT: FAILED (see above)");
    else console.log("  RESULT: 0 acknowledged submissions lost, each exactly one contact event; the abusive IP was limited");
  } finally {
    site.stop();
    await systemDb().formSubmission.deleteMany({ where: { organizationId: tenant.org.id } });
    await tenant.cleanup();
  }
}

export async function benchLeadIntake(): Promise<void> {
  await benchThroughput();
  if (process.env.BENCH_INTAKE_LOAD_S !== "0") await benchLoad();
}
