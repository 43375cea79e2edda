#!/usr/bin/env node
/**
 * Draws the app icon (a pulse line on a blue tile, as public/favicon.svg) into the PNG sizes the
 * web manifest needs. Deterministic; no dependencies beyond Node's zlib.
 *   node scripts/gen-icons.mjs
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public/icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Draws in a 64-unit design space; `pad` shrinks the art for maskable icons' safe zone. */
function draw(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const s = size / 64;
  const pad = maskable ? 0.1 : 0;
  const line = [[6, 40], [18, 40], [24, 22], [32, 48], [38, 30], [44, 40], [58, 40]];
  const ss = 4; // supersampling per axis
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          let u = (x + (sx + 0.5) / ss) / s;
          let v = (y + (sy + 0.5) / ss) / s;
          // rounded tile (full bleed when maskable)
          const rad = maskable ? 0 : 12;
          const cx = Math.min(Math.max(u, rad), 64 - rad);
          const cy = Math.min(Math.max(v, rad), 64 - rad);
          if (Math.hypot(u - cx, v - cy) > rad) continue;
          u = (u - 32) / (1 - 2 * pad) + 32;
          v = (v - 32) / (1 - 2 * pad) + 32;
          let col = [0x2f, 0x6f, 0xde];
          let d = Infinity;
          for (let i = 0; i < line.length - 1; i++) d = Math.min(d, distToSegment(u, v, ...line[i], ...line[i + 1]));
          if (d <= 2.5) col = [255, 255, 255];
          if (Math.hypot(u - 32, v - 48) <= 5) col = [0xff, 0xb0, 0x20];
          r += col[0]; g += col[1]; b += col[2]; a += 255;
        }
      }
      const n = ss * ss;
      const o = (y * size + x) * 4;
      const cover = a / n / 255;
      rgba[o] = cover ? Math.round(r / (a / 255)) : 0;
      rgba[o + 1] = cover ? Math.round(g / (a / 255)) : 0;
      rgba[o + 2] = cover ? Math.round(b / (a / 255)) : 0;
      rgba[o + 3] = Math.round(a / n);
    }
  }
  return png(size, rgba);
}

mkdirSync(out, { recursive: true });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]]) {
  writeFileSync(path.join(out, name), draw(size, { maskable }));
}
console.log(`icons written to ${path.relative(root, out)}`);
