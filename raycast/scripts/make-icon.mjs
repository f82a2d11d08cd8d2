// Writes assets/icon.png (512×512 RGBA): a speaker with sound waves on a violet rounded square.
// Plain Node (zlib + a CRC), no image libraries: `npm run icon`.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZE = 512;
const SS = 4; // supersampling per axis

const speaker = [
  [128, 208],
  [190, 208],
  [268, 136],
  [268, 376],
  [190, 304],
  [128, 304],
];

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inArc(x, y, radius, halfWidth, maxAngle) {
  const cx = 262;
  const cy = 256;
  const dx = x - cx;
  const dy = y - cy;
  const r = Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx);
  if (Math.abs(angle) <= maxAngle && Math.abs(r - radius) <= halfWidth) return true;
  for (const a of [maxAngle, -maxAngle]) {
    const ex = cx + radius * Math.cos(a);
    const ey = cy + radius * Math.sin(a);
    if (Math.hypot(x - ex, y - ey) <= halfWidth) return true; // round caps
  }
  return false;
}

function inRoundedSquare(x, y, inset, radius) {
  const min = inset;
  const max = SIZE - inset;
  const qx = Math.max(min + radius - x, 0, x - (max - radius));
  const qy = Math.max(min + radius - y, 0, y - (max - radius));
  return x >= min && x <= max && y >= min && y <= max && Math.hypot(qx, qy) <= radius;
}

function isGlyph(x, y) {
  return inPolygon(x, y, speaker) || inArc(x, y, 70, 14, 0.8) || inArc(x, y, 128, 14, 0.85);
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    let bg = 0;
    let fg = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        if (inRoundedSquare(x, y, 16, 100)) {
          bg++;
          if (isGlyph(x, y)) fg++;
        }
      }
    }
    const n = SS * SS;
    const t = (px + py) / (2 * SIZE); // diagonal gradient: indigo → violet → pink
    const base = [Math.round(79 + (219 - 79) * t), Math.round(70 + (39 - 70) * t), Math.round(229 + (119 - 229) * t)];
    const f = bg === 0 ? 0 : fg / bg;
    const o = 1 + px * 4;
    for (let c = 0; c < 3; c++) row[o + c] = Math.round(base[c] * (1 - f) + 255 * f);
    row[o + 3] = Math.round((255 * bg) / n);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "icon.png");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
