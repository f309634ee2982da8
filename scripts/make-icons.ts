/**
 * Draws the add-in's icons: a green rounded sheet with a white glyph: Σ (assets/icon-*.png, the add-in and
 * "Tổng hợp"), ✓ (check-*.png, "Kiểm tra") and a sheet with a side pane (pane-*.png). The PNG bytes are written here with node:zlib so the icons are reproducible and ours.
 * Run: npx tsx scripts/make-icons.ts
 */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ICON_SIZES = [16, 32, 64, 80, 128];

type RGBA = [number, number, number, number];

const GREEN: RGBA = [16, 124, 65, 255]; // Excel green #107C41
const GREEN_DARK: RGBA = [11, 90, 47, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

/** Signed distance to a rounded rectangle centred at (0.5, 0.5) with half-size h and corner radius r. */
function roundedRectDistance(x: number, y: number, h: number, r: number): number {
  const qx = Math.abs(x - 0.5) - (h - r);
  const qy = Math.abs(y - 0.5) - (h - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

function segmentDistance(x: number, y: number, a: number[], b: number[]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** A white glyph on the green sheet: polylines (stroked) and rectangles (filled), in unit coordinates. */
interface Glyph {
  lines: number[][][];
  boxes: number[][];
  /** Stroke width as a share of the icon's size. */
  stroke: number;
}

/** Σ for the add-in and "Tổng hợp" (sum), ✓ for "Kiểm tra" (check), a sheet with a side pane for the pane. */
export const GLYPHS: Record<string, Glyph> = {
  icon: {
    lines: [
      [
        [0.7, 0.27],
        [0.32, 0.27],
        [0.53, 0.5],
        [0.32, 0.73],
        [0.7, 0.73],
      ],
    ],
    boxes: [],
    stroke: 0.12,
  },
  check: {
    lines: [
      [
        [0.27, 0.52],
        [0.44, 0.69],
        [0.74, 0.33],
      ],
    ],
    boxes: [],
    stroke: 0.12,
  },
  pane: {
    lines: [
      [
        [0.26, 0.28],
        [0.74, 0.28],
        [0.74, 0.72],
        [0.26, 0.72],
        [0.26, 0.28],
      ],
    ],
    boxes: [[0.56, 0.28, 0.74, 0.72]],
    stroke: 0.07,
  },
};

/** Which glyph at which sizes: button icons need 16, 32, 80 (64 for high-DPI); the add-in icon also 128. */
export const ICON_FILES: { glyph: string; sizes: number[] }[] = [
  { glyph: "icon", sizes: ICON_SIZES },
  { glyph: "check", sizes: [16, 32, 64, 80] },
  { glyph: "pane", sizes: [16, 32, 64, 80] },
];

/** Stroke width in pixels: whole pixels, at least 2, so small icons stay sharp. */
function strokePixels(size: number, share: number): number {
  return Math.max(2, Math.round(share * size));
}

/** The glyph with its points snapped to the pixel grid (crisp horizontal and vertical strokes). */
function snapGlyph(glyph: Glyph, size: number): Glyph {
  const even = strokePixels(size, glyph.stroke) % 2 === 0;
  const snap = (v: number) => (even ? Math.round(v * size) : Math.floor(v * size) + 0.5) / size;
  return {
    lines: glyph.lines.map((line) => line.map(([x, y]) => [snap(x), snap(y)])),
    boxes: glyph.boxes.map((b) => b.map(snap)),
    stroke: glyph.stroke,
  };
}

/** Colour of the icon at a point of the unit square. */
function shade(x: number, y: number, size: number, glyph: Glyph): RGBA {
  const d = roundedRectDistance(x, y, 0.46, 0.14);
  if (d > 0) return CLEAR;
  // A thin darker rim keeps the sheet's edge visible on a green or dark ribbon.
  const rim = size >= 32 ? 0.025 : 0;
  if (d > -rim) return GREEN_DARK;
  const half = strokePixels(size, glyph.stroke) / size / 2;
  for (const line of glyph.lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      if (segmentDistance(x, y, line[i], line[i + 1]) <= half) return WHITE;
    }
  }
  for (const [x0, y0, x1, y1] of glyph.boxes) {
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return WHITE;
  }
  return GREEN;
}

/** Renders one icon with 4×4 supersampling, as RGBA rows. */
export function renderIcon(size: number, glyphName = "icon"): Uint8Array {
  const glyph = snapGlyph(GLYPHS[glyphName], size);
  const n = 4;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size, glyph);
          // Premultiplied accumulation so transparent samples do not darken the edge.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const o = (py * size + px) * 4;
      const alpha = acc[3] / (n * n);
      for (let k = 0; k < 3; k++) out[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
      out[o + 3] = Math.round(alpha);
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), Buffer.from(data)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA rows as a PNG (8-bit RGBA, no interlace, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

function main(): void {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const { glyph, sizes } of ICON_FILES) {
    for (const size of sizes) {
      const file = join(dir, `${glyph}-${size}.png`);
      writeFileSync(file, encodePng(size, size, renderIcon(size, glyph)));
      console.log(file);
    }
  }
}

if (require.main === module) main();
