import { SectionCard } from "../record-page";

/** A touch as lead capture stores it on the contact (services/lead-capture/attribution.ts, Touch). */
interface TouchView {
  via?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  referrer?: string;
  landingPage?: string;
  at?: string;
}

const VIA_LABELS: Record<string, string> = { page: "Landing page", link: "Tracked link", qr: "QR code" };

function readTouch(value: unknown): TouchView | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const out: TouchView = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === "string" && v !== "") (out as Record<string, string>)[key] = v;
  return Object.keys(out).length ? out : null;
}

function TouchRows({ label, touch }: { label: string; touch: TouchView }) {
  const rows: [string, string | undefined][] = [
    ["Via", touch.via ? (VIA_LABELS[touch.via] ?? touch.via) : undefined],
    ["Source", touch.utmSource],
    ["Medium", touch.utmMedium],
    ["Campaign", touch.utmCampaign],
    ["Term", touch.utmTerm],
    ["Content", touch.utmContent],
    ["Referrer", touch.referrer],
    ["Landing page", touch.landingPage],
    ["When", touch.at ? new Date(touch.at).toLocaleString() : undefined],
  ];
  return (
    <div>
      <h3 className="text-sm font-medium">{label}</h3>
      <dl className="mt-1 grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-1 text-sm">
        {rows
          .filter((r): r is [string, string] => r[1] !== undefined)
          .map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}

/** First and last touch: what brought the contact (UTM, link or QR, landing page), as text. */
export function AttributionCard({ firstTouch, lastTouch }: { firstTouch: unknown; lastTouch: unknown }) {
  const first = readTouch(firstTouch);
  const last = readTouch(lastTouch);
  return (
    <SectionCard title="Attribution">
      {first || last ? (
        <div className="grid gap-4">
          {first ? <TouchRows label="First touch" touch={first} /> : null}
          {last ? <TouchRows label="Last touch" touch={last} /> : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Not known yet: a form submission after a visit of a page or a tracked link fills this in.</p>
      )}
    </SectionCard>
  );
}
