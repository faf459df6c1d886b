// Office mode: the open assessment is an office package (docs/answers-format.md, "Offices": an
// answers file with `scope.kind` "office-package"), being filled by that office. The screens show
// only the office's indicators (state/offices-scope.js), no regional score, and one way out:
// "Kirim kembali" writes the return file. Used by the Fill screen while ctx.office is set.

import { saveFile } from './offices-files.js';
import { ctx, changed, flush, nowIso, persist } from './assessment.js';

/** True when the answers are an office package (made by a split, or returned). */
export function isOfficePackage(answers) {
  return answers?.scope?.kind === 'office-package';
}

/** What the office-mode banner names: {office, region, deadline, madeAt, returnedAt, filledBy, count}. */
export function officeInfo() {
  const a = ctx.answers;
  const scope = a?.scope ?? {};
  const fb = scope.filled_by;
  return {
    office: scope.office ?? {},
    region: a?.region ?? {},
    dataYear: a?.data_year ?? null,
    deadline: typeof scope.deadline === 'string' ? scope.deadline : null,
    madeAt: scope.made_at ?? null,
    returnedAt: scope.returned_at ?? null,
    filledBy: typeof fb === 'string' ? { name: fb } : (fb && typeof fb === 'object' ? fb : {}),
    count: Array.isArray(scope.indicators) ? scope.indicators.length : ctx.idx?.indicators.size ?? 0,
  };
}

/**
 * The office's progress from the engine's last result: {answered, total, evidenceReady,
 * evidenceRequired} over the package's indicators only.
 */
export function officeProgress() {
  const ids = new Set(ctx.answers?.scope?.indicators || []);
  let answered = 0;
  let ready = 0;
  let required = 0;
  for (const ind of ctx.result?.indicators || []) {
    if (!ids.has(ind.id)) continue;
    if (ind.status !== 'unanswered') answered += 1;
    const need = (ctx.idx?.indicators.get(ind.id)?.evidence || []).filter((ev) => ev.required !== false);
    required += need.length;
    ready += need.length - Math.min(need.length, (ind.evidence_missing || []).length);
  }
  return { answered, total: ids.size, evidenceReady: ready, evidenceRequired: required };
}

/** Who filled the package (scope.filled_by): name, nip, position, contact; empty ones dropped. */
export function setFilledBy(fields) {
  const fb = {};
  for (const k of ['name', 'nip', 'position', 'contact']) {
    const v = String(fields[k] ?? '').trim();
    if (v) fb[k] = v;
  }
  if (Object.keys(fb).length) ctx.answers.scope.filled_by = fb;
  else delete ctx.answers.scope.filled_by;
  changed();
}

// The file name `kkpham split` gives the office's package (core: package_file_name), so the
// return keeps the name the coordinator sent out.
export function returnFileName(office = ctx.answers?.scope?.office ?? {}) {
  const slug = (text) => {
    let out = '';
    let dash = false;
    for (const c of String(text ?? '')) {
      if (!/[A-Za-z0-9]/.test(c)) {
        dash = out.length > 0;
        continue;
      }
      if (dash && out.length < 59) out += '-';
      dash = false;
      if (out.length < 60) out += c;
    }
    return out.replace(/-+$/, '');
  };
  let stem = slug(office.short_name) || slug(office.id) || 'opd';
  if (/^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/.test(stem.toUpperCase())) stem += '-opd';
  return `${stem}.kkpham.json`;
}

/**
 * "Kirim kembali": stamps the return time, saves, and downloads the return file.
 * → {ok: true, name} | {ok: false, errors} (an invalid answer is named first: the return must
 * merge).
 */
export async function sendBack() {
  flush();
  if (ctx.diags.length) return { ok: false, errors: ctx.diags };
  const a = ctx.answers;
  a.scope.returned_at = nowIso();
  a.updated_at = a.scope.returned_at;
  const saving = persist();
  const name = returnFileName(a.scope.office);
  saveFile(name, `${JSON.stringify(a, null, 2)}\n`);
  await saving;
  return { ok: true, name };
}
