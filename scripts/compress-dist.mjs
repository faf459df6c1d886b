#!/usr/bin/env node
// Writes a gzip -9 copy (<file>.gz) next to every compressible file of the served app folder,
// for scripts/serve.mjs to send when the client accepts gzip (Content-Encoding: gzip).
//
//   node scripts/compress-dist.mjs build/wasm/dist
//
// JSON files (packs, catalogs) are compressed from a whitespace-free copy: the same values
// (strings and number lexemes untouched), so a pack's canonical SHA-256 is unchanged, and the
// uncompressed file in dist/ stays byte-identical to its source. A .gz is only (re)written when
// it is older than its source, and only kept when it is smaller. Run by the kkpham_dist target.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.webmanifest', '.svg', '.txt', '.md', '.csv', '.map']);

/** Removes whitespace outside strings from JSON text; values and number lexemes are kept. */
export function minifyJson(text) {
  let out = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
      i += 1;
    }
  }
  return out;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

export function compressDir(dir) {
  let written = 0;
  for (const file of walk(dir)) {
    const ext = path.extname(file).toLowerCase();
    if (!COMPRESSIBLE.has(ext)) continue;
    const gz = `${file}.gz`;
    const src = fs.statSync(file);
    if (fs.existsSync(gz) && fs.statSync(gz).mtimeMs >= src.mtimeMs) continue;
    let body = fs.readFileSync(file);
    if (ext === '.json' || ext === '.webmanifest') {
      const min = minifyJson(body.toString('utf8'));
      try {
        JSON.parse(min);
        body = Buffer.from(min, 'utf8');
      } catch {
        /* not valid JSON: compress it as it is */
      }
    }
    const packed = zlib.gzipSync(body, { level: 9 });
    if (packed.length >= src.size) {
      fs.rmSync(gz, { force: true });
      continue;
    }
    fs.writeFileSync(gz, packed);
    written += 1;
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    console.error('usage: node scripts/compress-dist.mjs <dist folder>');
    process.exit(2);
  }
  const n = compressDir(dir);
  console.log(`kkpham: ${n} gzip file(s) written in ${dir}`);
}
