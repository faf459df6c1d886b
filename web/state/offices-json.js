// The engine's JSON text laid out as the native CLI writes its files (nlohmann's dump(2): two
// spaces, "key": value, members sorted by key, empty {} and [] on one line), so that a package
// or a merged master downloaded in the browser has the same bytes as `kkpham split` / `kkpham
// merge` wrote for the same input. Numbers are kept exactly as the engine wrote them (never
// re-read as a double); strings are written as both JSON.stringify and the CLI write them.

// Reads one JSON value at text[i]: {node, end}. Nodes: {o: [[key, node], ...]} | {a: [node, ...]}
// | {raw: 'token text'} | {s: 'decoded string'}.
function readValue(text, i) {
  i = skipSpace(text, i);
  const c = text[i];
  if (c === '{') {
    const members = [];
    i = skipSpace(text, i + 1);
    if (text[i] === '}') return { node: { o: members }, end: i + 1 };
    for (;;) {
      const key = readString(text, skipSpace(text, i));
      i = skipSpace(text, key.end);
      if (text[i] !== ':') throw new SyntaxError(`JSON: ":" expected at ${i}`);
      const v = readValue(text, i + 1);
      members.push([key.node.s, v.node]);
      i = skipSpace(text, v.end);
      if (text[i] === ',') i += 1;
      else if (text[i] === '}') return { node: { o: members }, end: i + 1 };
      else throw new SyntaxError(`JSON: "," or "}" expected at ${i}`);
    }
  }
  if (c === '[') {
    const items = [];
    i = skipSpace(text, i + 1);
    if (text[i] === ']') return { node: { a: items }, end: i + 1 };
    for (;;) {
      const v = readValue(text, i);
      items.push(v.node);
      i = skipSpace(text, v.end);
      if (text[i] === ',') i += 1;
      else if (text[i] === ']') return { node: { a: items }, end: i + 1 };
      else throw new SyntaxError(`JSON: "," or "]" expected at ${i}`);
    }
  }
  if (c === '"') return readString(text, i);
  const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
  if (!m) throw new SyntaxError(`JSON: a value expected at ${i}`);
  return { node: { raw: m[0] }, end: i + m[0].length };
}

function readString(text, i) {
  if (text[i] !== '"') throw new SyntaxError(`JSON: a string expected at ${i}`);
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  if (j >= text.length) throw new SyntaxError('JSON: unterminated string');
  return { node: { s: JSON.parse(text.slice(i, j + 1)) }, end: j + 1 };
}

function skipSpace(text, i) {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i += 1;
  return i;
}

// Key order of a std::map<std::string>: by UTF-8 bytes, which is the order of code points.
const SURROGATE = /[\ud800-\udfff]/;
function byCodePoint(a, b) {
  // Below the surrogates, UTF-16 code units sort as code points do.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : (a > b ? 1 : 0);
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k += 1) {
    const d = x[k].codePointAt(0) - y[k].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

function write(node, indent, out) {
  if (node.o) {
    if (!node.o.length) return out.push('{}');
    // The last of duplicate keys wins, as in the parsers of both builds.
    const members = [...new Map(node.o).entries()].sort((p, q) => byCodePoint(p[0], q[0]));
    const inner = `${indent}  `;
    out.push('{\n');
    members.forEach(([k, v], n) => {
      out.push(`${inner}${JSON.stringify(k)}: `);
      write(v, inner, out);
      out.push(n + 1 < members.length ? ',\n' : '\n');
    });
    return out.push(`${indent}}`);
  }
  if (node.a) {
    if (!node.a.length) return out.push('[]');
    const inner = `${indent}  `;
    out.push('[\n');
    node.a.forEach((v, n) => {
      out.push(inner);
      write(v, inner, out);
      out.push(n + 1 < node.a.length ? ',\n' : '\n');
    });
    return out.push(`${indent}]`);
  }
  return out.push(node.s !== undefined ? JSON.stringify(node.s) : node.raw);
}

function parseText(text) {
  const { node, end } = readValue(text, 0);
  if (skipSpace(text, end) !== text.length) throw new SyntaxError(`JSON: text after the value at ${end}`);
  return node;
}

/** A JSON text laid out as the CLI writes a file: dump(2) and a final newline. */
export function cliFileText(jsonText) {
  const out = [];
  write(parseText(jsonText), '', out);
  out.push('\n');
  return out.join('');
}

/** The parsed form of a JSON text, to take several members out of it with cliTextAt(). */
export function cliParse(jsonText) {
  return parseText(jsonText);
}

/**
 * The member `path` (keys and array indexes) of a parsed text, laid out as the CLI writes a file,
 * e.g. cliTextAt(cliParse(mergeRaw), ['answers']) or cliTextAt(parsedSplit, ['packages', 3, 'package']).
 */
export function cliTextAt(parsed, path) {
  let node = parsed;
  for (const step of path) {
    if (typeof step === 'number') node = node.a?.[step];
    else node = node.o ? [...node.o].reverse().find(([k]) => k === step)?.[1] : undefined;
    if (!node) throw new Error(`JSON: no member ${JSON.stringify(path)}`);
  }
  const out = [];
  write(node, '', out);
  out.push('\n');
  return out.join('');
}
