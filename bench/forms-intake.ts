// Lead form intake (docs/lead-capture.md, "Forms and intake"): the public POST path — parse, token,
// spam layers, rate limits, the raw submission + its outbox event in one transaction — against a
// plain single-row INSERT of the same rows from as many concurrent connections; then a load run at
// 10× nominal from many IPs plus one abusive IP, after which every acknowledged submission must be
// exactly one contact event (the outbox delivered in process, as without an engine) and the
// abusive IP must have had 429s.
// BENCH_FORM_ROWS (default 2,000), BENCH_FORM_LOAD_SECONDS (default 60), BENCH_FORM_NOMINAL (req/s, default 5).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { systemDb } from "@mg/db/system";
import { deliverOutboxEvents } from "@mg/jobs";
import { renderContextFor, submitResponse } from "@mg/api/lead-forms";
import { benchTenant, report, timed } from "./support";

const ROWS = Number(process.env.BENCH_FORM_ROWS ?? 2_000);
const LOAD_SECONDS = Number(process.env.BENCH_FORM_LOAD_SECONDS ?? 60);
const NOMINAL = Number(process.env.BENCH_FORM_NOMINAL ?? 5);
const CONCURRENCY = 16;
const PEER = "x-mg-peer-address";

const DEFINITION = {
  steps: [
    {
      fields: [
        { id: "name", kind: "text", label: "Name", required: true, mapsTo: { kind: "contact", field: "firstName" } },
        { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
        { id: "message", kind: "textarea", label: "Message", required: false, mapsTo: { kind: "none" } },
      ],
    },
  ],
  submitLabel: "Send",
};

async function freshForm(organizationId: string) {
  return systemDb().leadForm.create({
    data: { organizationId, name: "Bench form", slug: `bench-${randomUUID().slice(0, 8)}`, definition: DEFINITION, consents: [], thankYou: { kind: "message", message: "Thanks" }, revision: 1 },
  });
}

function request(organizationId: string, form: { id: string; revision: number }, i: number, ip: string): Request {
  const token = renderContextFor(organizationId, form, "hosted", { now: new Date(Date.now() - 3_000) }).token;
  const body = new URLSearchParams({ _token: token, _hp_website: "", name: `Lead ${i}`, email: `lead-${i}-${randomUUID().slice(0, 6)}@bench.example`, message: "Hello from the bench" });
  return new Request("http://site.bench/f/submit", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", [PEER]: ip, "user-agent": "bench" } });
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

async function plainInserts(organizationId: string, formId: string, rows: number): Promise<void> {
  const url = process.env.DATABASE_URL;
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  let n = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (n < rows) {
        const i = n++;
        await client.query(
          `INSERT INTO form_submissions (id, organization_id, form_id, form_revision, values, context, status, attempts) VALUES ($1, $2, $3, 1, $4::jsonb, $5::jsonb, 'RECEIVED', 0)`,
          [randomUUID(), organizationId, formId, JSON.stringify({ name: `Lead ${i}`, email: `plain-${i}@bench.example`, message: "Hello from the bench" }), JSON.stringify({ ip: ipOf(i), userAgent: "bench" })],
        );
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
}

async function drainOutbox(organizationId: string): Promise<void> {
  for (;;) {
    const pending = await systemDb().eventOutbox.findMany({ where: { organizationId, status: "PENDING", name: "form/submission.received" }, select: { eventId: true }, take: 500 });
    if (pending.length === 0) return;
    await deliverOutboxEvents({ eventIds: pending.map((p) => p.eventId) });
  }
}

export async function benchFormIntake(): Promise<void> {
  const tenant = await benchTenant("forms", 0);
  try {
    const plainForm = await freshForm(tenant.org.id);
    const plain = await timed(() => plainInserts(tenant.org.id, plainForm.id, ROWS));
    const form = await freshForm(tenant.org.id);
    const statuses = new Map<number, number>();
    const requests = Array.from({ length: ROWS }, (_, i) => i);
    const intake = await timed(() =>
      pool(requests, CONCURRENCY, async (i) => {
        const res = await submitResponse(request(tenant.org.id, form, i, ipOf(i)), { deliver: false });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }),
    );
    report(`Lead form intake: ${ROWS.toLocaleString("en-US")} POSTs, ${CONCURRENCY} at a time (goal: ≥ 0.5× a plain INSERT's throughput)`, ROWS, intake.ms, plain.ms, {
      answers: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
      "throughput ratio": `${(plain.ms / intake.ms).toFixed(2)}x of plain`,
    });

    // Load: 10× nominal for LOAD_SECONDS from many IPs, plus one abusive IP sending 20/s.
    const loadForm = await freshForm(tenant.org.id);
    const acknowledged: number[] = [];
    let abusive429 = 0;
    let abusiveOk = 0;
    let sent = 0;
    const rate = NOMINAL * 10;
    const end = Date.now() + LOAD_SECONDS * 1_000;
    const inFlight = new Set<Promise<void>>();
    let i = 0;
    while (Date.now() < end) {
      const tick = Date.now();
      for (let k = 0; k < rate; k += 1) {
        const n = i++;
        const p = submitResponse(request(tenant.org.id, loadForm, n, ipOf(100_000 + n)), { deliver: false }).then((res) => {
          if (res.status === 303) acknowledged.push(n);
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        sent += 1;
      }
      for (let k = 0; k < 20; k += 1) {
        const p = submitResponse(request(tenant.org.id, loadForm, i++, "203.0.113.66"), { deliver: false }).then((res) => {
          if (res.status === 429) abusive429 += 1;
          else if (res.status === 303) abusiveOk += 1;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (Date.now() - tick))));
    }
    await Promise.all([...inFlight]);
    const processing = await timed(() => drainOutbox(tenant.org.id));
    const stored = await systemDb().formSubmission.findMany({ where: { formId: loadForm.id }, select: { id: true, status: true } });
    const events = await systemDb().activity.count({ where: { organizationId: tenant.org.id, kind: "FORM_SUBMITTED", payload: { path: ["formId"], equals: loadForm.id } } });
    const acked = acknowledged.length + abusiveOk;
    const lost = acked - stored.filter((s) => s.status === "PROCESSED").length;
    console.log(`\nLead form load: ${rate}/s (10× nominal ${NOMINAL}/s) for ${LOAD_SECONDS} s from many IPs + one abusive IP at 20/s`);
    console.log(`  sent (many IPs):       ${sent.toLocaleString("en-US")}, acknowledged ${acknowledged.length.toLocaleString("en-US")}`);
    console.log(`  abusive IP:            ${abusive429} × 429, ${abusiveOk} accepted`);
    console.log(`  processed afterwards:  ${processing.ms.toFixed(0)} ms`);
    console.log(`  contact events:        ${events} for ${acked} acknowledged submissions`);
    console.log(`  acknowledged but lost: ${lost}  (goal: 0)`);
  } finally {
    await tenant.cleanup();
  }
}
