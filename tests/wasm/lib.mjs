// Shared helpers of the tests/wasm/*.test.mjs suites (not a test file itself).
//
// Environment (set by tests/CMakeLists.txt and the `wasm` test preset):
//   KKPHAM_SOURCE_DIR   repository root            (default: two levels above this file)
//   KKPHAM_DIST         the built app folder       (default: <root>/build/wasm/dist)
//   KKPHAM_NATIVE_CLI   the native kkpham binary   (the parity test skips only when unset)
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SOURCE_DIR = process.env.KKPHAM_SOURCE_DIR
  ? path.resolve(process.env.KKPHAM_SOURCE_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = process.env.KKPHAM_DIST
  ? path.resolve(process.env.KKPHAM_DIST)
  : path.join(SOURCE_DIR, 'build', 'wasm', 'dist');
export const NATIVE_CLI = process.env.KKPHAM_NATIVE_CLI || null;
export const VECTORS_DIR = path.join(SOURCE_DIR, 'tests', 'vectors');

/** Resolves a path written in a vector (relative to the repository root). */
export function repoPath(p) {
  return path.isAbsolute(p) ? p : path.join(SOURCE_DIR, p);
}

export function readText(p) {
  return fs.readFileSync(repoPath(p), 'utf8');
}

let facadePromise = null;
/** The facade module (build/wasm/dist/engine/kkpham-api.js): the same file the browser loads. */
export function importFacade() {
  facadePromise ??= import(pathToFileURL(path.join(DIST_DIR, 'engine', 'kkpham-api.js')).href);
  return facadePromise;
}

let wasmBinary = null;
/** A new engine from the dist build (node passes the .wasm bytes; the browser fetches them). */
export async function newEngine() {
  const { loadEngine } = await importFacade();
  wasmBinary ??= fs.readFileSync(path.join(DIST_DIR, 'kkpham-core.wasm'));
  return loadEngine({ wasmBinary });
}

/**
 * The shared vectors (tests/vectors/README.md), in the order of tests/vectors/index.json —
 * the list the C++ suite reads too. Each: {name, file, raw (the vector object), pack (absolute
 * path), packText}. Turn one into answers text with answersTextFor().
 */
export function readVectors() {
  const names = readVectorIndex();
  return names.map((name) => {
    const file = path.join(VECTORS_DIR, `${name}.json`);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    const pack = typeof raw.pack === 'string' ? repoPath(raw.pack) : null;
    return { name, file, raw, pack, packText: pack ? fs.readFileSync(pack, 'utf8') : null };
  });
}

/** tests/vectors/index.json (a JSON array of vector names), or [] when there is none. */
export function readVectorIndex() {
  const index = path.join(VECTORS_DIR, 'index.json');
  if (!fs.existsSync(index)) return [];
  const names = JSON.parse(fs.readFileSync(index, 'utf8'));
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new Error(`${index}: expected a JSON array of vector names`);
  }
  return names;
}

/**
 * The answers text a vector scores, exactly as the C++ suite builds it:
 *   "answers_text"      used as it is (malformed files);
 *   "answers_template"  the engine's template for those options (engine must hold the pack);
 *   "answers"           the object, with pack.sha256 "@pack" replaced by the pack's hash.
 */
export function answersTextFor(v, engine, packSha256) {
  const r = v.raw;
  if (typeof r.answers_text === 'string') return r.answers_text;
  if (r.answers_template !== undefined) {
    const made = engine.makeTemplate(r.answers_template);
    if (!made.ok) throw new Error(`${v.name}: makeTemplate failed: ${JSON.stringify(made.errors)}`);
    return JSON.stringify(made.answers);
  }
  if (r.answers !== undefined) {
    const a = structuredClone(r.answers);
    if (a?.pack?.sha256 === '@pack') a.pack.sha256 = packSha256;
    return JSON.stringify(a);
  }
  throw new Error(`${v.name}: no "answers", "answers_template" or "answers_text"`);
}

/**
 * "expected is a part of actual" with the rules of tests/vectors/README.md (the same as
 * partial_mismatch() in tests/native/support.cpp): objects match key by key, recursively, and
 * an expected object against an actual array matches elements by their "id"; arrays match
 * element by element with the same length; numbers compare as numbers; the rest strictly.
 * Returns null, or the first mismatch with its JSON path.
 */
export function subsetMismatch(expected, actual, where = '$') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') {
      return `${where}: expected an object, got ${JSON.stringify(actual)}`;
    }
    for (const [k, v] of Object.entries(expected)) {
      const p = `${where}.${k}`;
      if (Array.isArray(actual)) {
        const found = actual.filter((e) => e !== null && typeof e === 'object' && e.id === k).at(-1);
        if (found === undefined) return `${p}: no element with this id`;
        const m = subsetMismatch(v, found, p);
        if (m) return m;
        continue;
      }
      if (!Object.hasOwn(actual, k)) return `${p}: missing`;
      const m = subsetMismatch(v, actual[k], p);
      if (m) return m;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${where}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (typeof expected === 'number') {
    return typeof actual === 'number' && expected === actual
      ? null
      : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  return expected === actual ? null : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Runs a program; resolves {code, stdout, stderr} (never rejects on a non-zero exit). */
export function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...options }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** Runs async jobs with at most `limit` at a time; results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Splits the text of a top-level JSON array into the exact source text of each element
 * (no re-serialisation, so byte comparisons stay meaningful). Returns null if `text` is not a
 * well-formed array at the top level.
 */
export function splitJsonArray(text) {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && ' \t\r\n'.includes(text[i])) i++; };
  ws();
  if (text[i] !== '[') return null;
  i++;
  const out = [];
  ws();
  if (text[i] === ']') { i++; ws(); return i === n ? out : null; }
  for (;;) {
    ws();
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    if (i >= n) return null;
    out.push(text.slice(start, i).replace(/[ \t\r\n]+$/, ''));
    if (text[i] === ',') { i++; continue; }
    i++; // the closing ']'
    ws();
    return i === n ? out : null;
  }
}
