import { deflateSync } from "node:zlib";
import QRCode from "qrcode";
import { QR_DPI, QR_PRINT_SIZES, type QrPrintSize } from "../../schemas/links";

/**
 * QR codes for print (docs/lead-capture.md). The matrix comes from `qrcode`; the SVG and PNG are
 * drawn here so both carry exactly the standard's quiet zone (4 modules on every side), the PNG
 * has the print size's pixels and says its resolution (pHYs, 300 dpi), and the logo option can
 * keep the middle clear.
 *
 * Error correction: M (15 % may be damaged) without a logo; H (30 %) with one, because the logo
 * covers part of the code — the covered square stays under 5 % of the symbol's area (well inside
 * H's margin), so a phone still reads it.
 */

export const QUIET_ZONE = 4;
/** The logo square's side, as a fraction of the symbol's side (without quiet zone): 0.22² ≈ 4.8 % of its area. */
const LOGO_FRACTION = 0.22;

export interface QrOptions {
  size: QrPrintSize;
  logo: boolean;
  /** The logo: an https image URL for the SVG, and a colour for the badge behind it / the PNG. */
  logoUrl?: string | null;
  color?: string | null;
  /** One letter shown when there is no logo picture. */
  initial?: string | null;
}

export interface QrResult {
  svg: string;
  /** base64 PNG, `pixels` × `pixels`. */
  png: string;
  pixels: number;
  /** Modules per side without the quiet zone (21 for version 1, +4 per version). */
  modules: number;
  errorCorrection: "M" | "H";
  size: QrPrintSize;
}

export function pixelsFor(size: QrPrintSize): number {
  return Math.round((QR_PRINT_SIZES[size].cm / 2.54) * QR_DPI);
}

interface Matrix {
  size: number;
  dark(x: number, y: number): boolean;
}

function matrixOf(text: string, errorCorrection: "M" | "H"): Matrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/** The logo square in module coordinates (odd-sized, centred), or null. */
function logoBox(modules: number, logo: boolean): { from: number; to: number } | null {
  if (!logo) return null;
  let side = Math.floor(modules * LOGO_FRACTION);
  if (side % 2 !== modules % 2) side -= 1;
  const from = (modules - side) / 2;
  return { from, to: from + side };
}

const HEX = /^#[0-9a-fA-F]{6}$/;

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeImageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function renderSvg(matrix: Matrix, box: { from: number; to: number } | null, options: QrOptions): string {
  const total = matrix.size + 2 * QUIET_ZONE;
  let path = "";
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      const inBox = (cx: number) => box !== null && cx >= box.from && cx < box.to && y >= box.from && y < box.to;
      if (!matrix.dark(x, y) || inBox(x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < matrix.size && matrix.dark(x + run, y) && !inBox(x + run)) run++;
      path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`;
      x += run;
    }
  }
  let logo = "";
  if (box) {
    const at = box.from + QUIET_ZONE;
    const side = box.to - box.from;
    const color = options.color && HEX.test(options.color) ? options.color : "#111827";
    const image = safeImageUrl(options.logoUrl);
    logo += `<rect x="${at}" y="${at}" width="${side}" height="${side}" rx="1" fill="#ffffff"/>`;
    if (image) {
      logo += `<image href="${escapeXml(image)}" x="${at + 0.5}" y="${at + 0.5}" width="${side - 1}" height="${side - 1}" preserveAspectRatio="xMidYMid meet"/>`;
    } else {
      const initial = (options.initial ?? "").trim().slice(0, 1).toUpperCase();
      logo += `<rect x="${at + 0.5}" y="${at + 0.5}" width="${side - 1}" height="${side - 1}" rx="1" fill="${color}"/>`;
      if (initial) {
        logo += `<text x="${at + side / 2}" y="${at + side / 2}" dominant-baseline="central" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="${(side * 0.6).toFixed(2)}" fill="#ffffff">${escapeXml(initial)}</text>`;
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" width="${total * 8}" height="${total * 8}" shape-rendering="crispEdges" role="img" aria-label="QR code">` +
    `<rect width="${total}" height="${total}" fill="#ffffff"/><path fill="#000000" d="${path}"/>${logo}</svg>`
  );
}

// PNG (grayscale or palette would be smaller; 8-bit RGB keeps the logo colour and every viewer happy).
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

function renderPng(matrix: Matrix, box: { from: number; to: number } | null, pixels: number, options: QrOptions): Buffer {
  const total = matrix.size + 2 * QUIET_ZONE;
  const badge = rgb(options.color && HEX.test(options.color) ? options.color : "#111827");
  const stride = pixels * 3 + 1;
  const raw = Buffer.alloc(stride * pixels, 0xff);
  for (let py = 0; py < pixels; py++) {
    raw[py * stride] = 0; // filter: none
    const my = Math.floor((py * total) / pixels) - QUIET_ZONE;
    for (let px = 0; px < pixels; px++) {
      const mx = Math.floor((px * total) / pixels) - QUIET_ZONE;
      if (mx < 0 || my < 0 || mx >= matrix.size || my >= matrix.size) continue;
      const offset = py * stride + 1 + px * 3;
      if (box && mx >= box.from && mx < box.to && my >= box.from && my < box.to) {
        // The badge, inset by half a module: a white ring separates it from the code.
        const fx = (px * total) / pixels - QUIET_ZONE;
        const fy = (py * total) / pixels - QUIET_ZONE;
        if (fx >= box.from + 0.5 && fx < box.to - 0.5 && fy >= box.from + 0.5 && fy < box.to - 0.5) raw.set(badge, offset);
        continue;
      }
      if (matrix.dark(mx, my)) raw.fill(0, offset, offset + 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(QR_DPI / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("pHYs", phys),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The QR code of `text` as SVG and PNG at a print size. */
export function renderQr(text: string, options: QrOptions): QrResult {
  const errorCorrection = options.logo ? "H" : "M";
  const matrix = matrixOf(text, errorCorrection);
  const box = logoBox(matrix.size, options.logo);
  const pixels = pixelsFor(options.size);
  return {
    svg: renderSvg(matrix, box, options),
    png: renderPng(matrix, box, pixels, options).toString("base64"),
    pixels,
    modules: matrix.size,
    errorCorrection,
    size: options.size,
  };
}

/** The module count `qrcode` picks for `text` at a level (tests compare the SVG with it). */
export function moduleCount(text: string, errorCorrection: "M" | "H"): number {
  return matrixOf(text, errorCorrection).size;
}
