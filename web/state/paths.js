// Maps a diagnostic's JSON path to the answers field it names (its words: plain-path.js).
// Accepts JSON Pointer ("/answers/BANKUM-S1/value"), and JSONPath-like forms
// ("$.answers.BANKUM-S1.value", "answers['A.1'].evidence[0].sha256").

export function splitPath(path) {
  if (typeof path !== 'string' || path === '' || path === '$' || path === '/') return [];
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  const out = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i += 1;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === '"' || q === "'") {
        let j = i + 2;
        let name = '';
        while (j < path.length && path[j] !== q) {
          if (path[j] === '\\' && j + 1 < path.length) j += 1;
          name += path[j];
          j += 1;
        }
        out.push(name);
        i = path.indexOf(']', j) + 1 || path.length;
      } else {
        const j = path.indexOf(']', i);
        out.push(path.slice(i + 1, j < 0 ? path.length : j));
        i = j < 0 ? path.length : j + 1;
      }
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

// → {scope: 'answer', indicator, field, evidence, evField} | {scope: 'top', field, sub} | null.
// knownIds (a Set of indicator ids) resolves dotted paths whose id contains dots.
export function locate(path, knownIds) {
  let seg = splitPath(path);
  if (seg.length === 0) return { scope: 'top', field: '', sub: '' };
  if (seg[0] !== 'answers') return { scope: 'top', field: seg[0], sub: seg[1] ?? '' };
  seg = seg.slice(1);
  if (seg.length === 0) return { scope: 'top', field: 'answers', sub: '' };
  let id = seg[0];
  let rest = seg.slice(1);
  if (knownIds && !knownIds.has(id)) {
    // "answers.A.1.value" split at every dot: join back the longest known id.
    for (let n = seg.length; n > 1; n -= 1) {
      const cand = seg.slice(0, n).join('.');
      if (knownIds.has(cand)) {
        id = cand;
        rest = seg.slice(n);
        break;
      }
    }
  }
  const field = rest[0] ?? '';
  if (field === 'evidence') {
    const idx = rest[1] !== undefined ? Number(rest[1]) : null;
    return { scope: 'answer', indicator: id, field, evidence: Number.isInteger(idx) ? idx : null, evField: rest[2] ?? '' };
  }
  return { scope: 'answer', indicator: id, field, evidence: null, evField: '' };
}
