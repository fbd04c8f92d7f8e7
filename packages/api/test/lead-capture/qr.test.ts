import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import QRCode from "qrcode";
import { moduleCount, pixelsFor, QUIET_ZONE, renderQr } from "../../src/services/lead-capture/qr";

/** QR codes for print: the quiet zone, the module count of the level, the PNG's pixels and resolution. */
const TEXT = "https://go.example/r/AbC1234?qr=1";

function pngInfo(base64: string) {
  const png = Buffer.from(base64, "base64");
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const chunks = new Map<string, Buffer[]>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("ascii");
    chunks.set(type, [...(chunks.get(type) ?? []), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  const ihdr = chunks.get("IHDR")?.[0] ?? Buffer.alloc(13);
  const phys = chunks.get("pHYs")?.[0] ?? Buffer.alloc(9);
  const raw = inflateSync(Buffer.concat(chunks.get("IDAT") ?? []));
  const width = ihdr.readUInt32BE(0);
  const pixel = (x: number, y: number) => raw[y * (width * 3 + 1) + 1 + x * 3];
  return { width, height: ihdr.readUInt32BE(4), dpi: Math.round(phys.readUInt32BE(0) * 0.0254), pixel };
}

/** Dark modules of the SVG path, as [x, y] cells. */
function svgCells(svg: string): { total: number; dark: Set<string> } {
  const total = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path fill="#000000" d="([^"]*)"/.exec(svg)?.[1] ?? "";
  const dark = new Set<string>();
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(run); i++) dark.add(`${Number(x) + i},${y}`);
  return { total, dark };
}

describe("renderQr", () => {
  it("uses M without a logo and H with one; the SVG is the symbol plus a 4-module quiet zone with no dark module in it", () => {
    for (const logo of [false, true]) {
      const qr = renderQr(TEXT, { size: "5cm", logo });
      expect(qr.errorCorrection).toBe(logo ? "H" : "M");
      expect(qr.modules).toBe(moduleCount(TEXT, logo ? "H" : "M"));
      const { total, dark } = svgCells(qr.svg);
      expect(total).toBe(qr.modules + 2 * QUIET_ZONE);
      for (const cell of dark) {
        const [x, y] = cell.split(",").map(Number) as [number, number];
        expect(x >= QUIET_ZONE && y >= QUIET_ZONE && x < total - QUIET_ZONE && y < total - QUIET_ZONE, cell).toBe(true);
      }
      // The three finder patterns' corners are dark (the symbol is where it should be).
      for (const [x, y] of [[0, 0], [qr.modules - 1, 0], [0, qr.modules - 1]] as const) expect(dark.has(`${x + QUIET_ZONE},${y + QUIET_ZONE}`)).toBe(true);
    }
    // H needs more modules than M for the same text.
    expect(moduleCount(TEXT, "H")).toBeGreaterThan(moduleCount(TEXT, "M"));
  });

  it("keeps the logo square in the middle under 5 % of the symbol", () => {
    const qr = renderQr(TEXT, { size: "5cm", logo: true, color: "#ff0000", initial: "N" });
    const side = Number(/<rect x="[\d.]+" y="[\d.]+" width="(\d+)" height="\1" rx="1" fill="#ffffff"\/>/.exec(qr.svg)?.[1]);
    expect(side).toBeGreaterThan(0);
    expect((side * side) / (qr.modules * qr.modules)).toBeLessThan(0.05);
    expect(qr.svg).toContain(">N</text>");
    // Only https pictures are referenced.
    expect(renderQr(TEXT, { size: "2cm", logo: true, logoUrl: "javascript:alert(1)" }).svg).not.toContain("<image");
    expect(renderQr(TEXT, { size: "2cm", logo: true, logoUrl: "https://cdn.example/logo.png?a=1&b=2" }).svg).toContain('href="https://cdn.example/logo.png?a=1&#38;b=2"');
  });

  it("draws the PNG at the print size's pixels for 300 dpi, white quiet zone, dark finder corner", () => {
    for (const [size, px] of [["2cm", 236], ["5cm", 591], ["10cm", 1181]] as const) {
      expect(pixelsFor(size)).toBe(px);
      const qr = renderQr(TEXT, { size, logo: false });
      const png = pngInfo(qr.png);
      expect([png.width, png.height, png.dpi]).toEqual([px, px, 300]);
      const total = qr.modules + 2 * QUIET_ZONE;
      const moduleAt = (m: number) => Math.floor(((m + 0.5) * px) / total);
      expect(png.pixel(moduleAt(1), moduleAt(1))).toBe(255);
      expect(png.pixel(moduleAt(QUIET_ZONE), moduleAt(QUIET_ZONE))).toBe(0);
      expect(png.pixel(moduleAt(total - 2), moduleAt(total - 2))).toBe(255);
    }
  });
});

describe("fidelity to the encoder", () => {
  it("the SVG and every PNG size reproduce qrcode's matrix module for module (no logo), so they scan as it does", () => {
    {
      const { size, data } = QRCode.create(TEXT, { errorCorrectionLevel: "M" }).modules;
      const { dark } = svgCells(renderQr(TEXT, { size: "2cm", logo: false }).svg);
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) expect(dark.has(`${x + QUIET_ZONE},${y + QUIET_ZONE}`), `${x},${y}`).toBe(data[y * size + x] === 1);
      for (const printSize of ["2cm", "10cm"] as const) {
        const png = pngInfo(renderQr(TEXT, { size: printSize, logo: false }).png);
        const total = size + 2 * QUIET_ZONE;
        const at = (m: number) => Math.floor(((m + QUIET_ZONE + 0.5) * png.width) / total);
        for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) expect(png.pixel(at(x), at(y)) === 0, `${printSize} ${x},${y}`).toBe(data[y * size + x] === 1);
      }
    }
    // With the logo (H): every module outside the logo square is the encoder's.
    const { size, data } = QRCode.create(TEXT, { errorCorrectionLevel: "H" }).modules;
    const withLogo = renderQr(TEXT, { size: "5cm", logo: true });
    const { dark } = svgCells(withLogo.svg);
    const side = Number(/<rect x="[\d.]+" y="[\d.]+" width="(\d+)" height="\1" rx="1" fill="#ffffff"\/>/.exec(withLogo.svg)?.[1]);
    const from = (size - side) / 2;
    let compared = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        if (x >= from && x < from + side && y >= from && y < from + side) continue;
        expect(dark.has(`${x + QUIET_ZONE},${y + QUIET_ZONE}`), `${x},${y}`).toBe(data[y * size + x] === 1);
        compared++;
      }
    expect(compared).toBe(size * size - side * side);
  });
});

describe("links.qr", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant("links-qr");
  });
  afterAll(async () => {
    await deleteTenant(t);
  });

  it("encodes the short URL with ?qr=1 and names the download after the code and size", async () => {
    const caller = callerFor(t.users.VIEWER, t.slug);
    const link = await callerFor(t.users.OWNER, t.slug).links.create({ name: "Poster", destination: { kind: "url", url: "https://example.com/" } });
    const qr = await caller.links.qr({ linkId: link.id, size: "10cm", logo: true });
    expect(qr.url).toBe(`${link.shortUrl}?qr=1`);
    expect(qr.modules).toBe(moduleCount(qr.url, "H"));
    expect(qr.fileName).toBe(`qr-${link.code}-10cm-logo`);
    expect(pngInfo(qr.png).width).toBe(1181);
  });
});
