// The Kanwil's side of the submission package (issue 16), as `kkpham verify PAKET.zip`: a
// received ZIP is read by formats/zip-read.js (hostile archives refused before any entry is
// read; every entry streamed through SHA-256), the enclosed answers file (the one bag-info.txt
// names) tells the criteria pack, and engine.verifyPackage checks the manifests, evaluates the
// completeness gate and computes the score again from those answers. Nothing is stored: the
// last result is kept for this tab only, so the screen can be shown and printed again.
import { ctx, ensureEngine, packTextFor, withPack } from './assessment.js';

let last = null; // {fileName, fileSize, root, answersPath, verification} | {fileName, refusal}

/** The last package verified in this tab, or null. */
export function lastVerification() {
  return last;
}

export function forgetVerification() {
  last = null;
}

/**
 * Reads and verifies a package file. options: {onProgress({doneBytes, totalBytes, doneFiles,
 * totalFiles}), signal}. -> {ok: true, fileName, root, answersPath, verification (the
 * engine's kkpham-verify document)} | {ok: false, fileName, refusal: {code, name?, detail?, ...}}.
 * Refusal codes: zip.* (formats/zip-read.js), package.no_answers, package.answers_unreadable,
 * package.unknown_pack ({pack: {id, version, sha256}}), package.engine (errors). A cancel rejects
 * with an AbortError and keeps the previous result.
 */
export async function verifyPackageFile(file, { onProgress, signal } = {}) {
  const [{ readPackageZip, answersPathOf }] = await Promise.all([import('../formats/zip-read.js'), ensureEngine()]);
  const fileName = file.name ?? '';
  const refuse = (refusal) => {
    last = { ok: false, fileName, refusal };
    return last;
  };
  const read = await readPackageZip(file, { onProgress, signal });
  if (!read.ok) return refuse(read);
  const { root, listing } = read;
  const answersPath = answersPathOf(listing.texts);
  if (!answersPath) return refuse({ code: 'package.no_answers' });
  let declared;
  try {
    declared = JSON.parse(listing.texts[answersPath])?.pack ?? {};
  } catch (e) {
    return refuse({ code: 'package.answers_unreadable', name: answersPath, detail: String(e?.message ?? e) });
  }
  const sha = typeof declared.sha256 === 'string' ? declared.sha256 : '';
  const packText = sha ? await packTextFor(sha) : null;
  if (!packText) {
    return refuse({ code: 'package.unknown_pack', name: answersPath, pack: { id: String(declared.id ?? ''), version: String(declared.version ?? ''), sha256: sha } });
  }
  const raw = withPack(packText, () => ctx.engine.verifyPackageRaw(listing));
  const verification = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!verification?.ok || verification.format !== 'kkpham-verify') {
    return refuse({ code: 'package.engine', errors: verification?.errors ?? [] });
  }
  // The score as the engine wrote it (its exact decimal), for a half-up rounding to 2 places.
  const total = /"score":\{"total":(-?[0-9]+(?:\.[0-9]+)?)/.exec(raw)?.[1] ?? null;
  // The engine names the predicate in Indonesian; the pack's own name (both languages) is
  // kept for the sheet, which is printed in the reader's language.
  const predicateName = predicateOf(packText, verification.score?.predicate);
  last = { ok: true, fileName, fileSize: file.size, root, answersPath, verification, totalText: total, predicateName };
  return last;
}

// The pack's predicate whose Indonesian name is `name` -> its name object ({id, en}), or null.
function predicateOf(packText, name) {
  if (!name) return null;
  try {
    const p = JSON.parse(packText)?.aggregation?.predicates?.find((x) => x?.name?.id === name);
    return p?.name ?? null;
  } catch {
    return null;
  }
}

/** A decimal text rounded half-up to `places` decimals ("75.125" -> "75.13"), as text. */
export function roundHalfUp(text, places = 2) {
  const m = /^(-?)([0-9]+)(?:\.([0-9]*))?$/.exec(String(text));
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const digits = (whole + frac.padEnd(places + 1, '0').slice(0, places + 1)).replace(/^0+(?=\d)/, '');
  let n = BigInt(digits);
  n = n / 10n + (n % 10n >= 5n ? 1n : 0n);
  const s = n.toString().padStart(places + 1, '0');
  const out = `${s.slice(0, -places)}.${s.slice(-places)}`;
  return sign && n !== 0n ? `-${out}` : out;
}
