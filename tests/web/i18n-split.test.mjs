// The build-time split of the UI catalogs (scripts/split-i18n.mjs): web/i18n/<lang>.json stays the
// one source; the dist gets <lang>.start.json (the Start screen's strings) and <lang>.rest.json,
// which together are exactly the source. Runs on the source tree (and on KKPHAM_DIST if set):
// node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGS, startKeys, startModules, splitI18n } from '../../scripts/split-i18n.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = path.join(ROOT, 'web');
const DIST = process.env.KKPHAM_DIST ? path.resolve(process.env.KKPHAM_DIST) : null; // set by ctest in the wasm tree
const source = (lang) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', `${lang}.json`), 'utf8'));

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-i18n-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function assertParts(dir) {
  for (const lang of LANGS) {
    const start = JSON.parse(fs.readFileSync(path.join(dir, 'i18n', `${lang}.start.json`), 'utf8'));
    const rest = JSON.parse(fs.readFileSync(path.join(dir, 'i18n', `${lang}.rest.json`), 'utf8'));
    const both = Object.keys(start).filter((k) => Object.hasOwn(rest, k));
    assert.deepEqual(both, [], `${lang}: a key in both parts`);
    assert.deepEqual({ ...start, ...rest }, source(lang), `${lang}: start + rest is not the source catalog`);
    assert.ok(Object.keys(start).length > 0 && Object.keys(rest).length > 0, `${lang}: an empty part`);
    assert.equal(fs.existsSync(path.join(dir, 'i18n', `${lang}.json`)), false, `${lang}.json is served whole too`);
  }
  // Both languages are split by the same keys: a switch on Start finds every Start string.
  const keysOf = (lang, part) => Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'i18n', `${lang}.${part}.json`), 'utf8'))).sort();
  assert.deepEqual(keysOf('en', 'start'), keysOf('id', 'start'));
}

test('the two parts of each catalog together are the source catalog, split by the same keys', (t) => {
  const dist = tempDir(t);
  fs.mkdirSync(path.join(dist, 'i18n'));
  fs.writeFileSync(path.join(dist, 'i18n', 'id.json'), '{}'); // a stale whole catalog is removed
  splitI18n(WEB, dist);
  assertParts(dist);
  const first = fs.readFileSync(path.join(dist, 'i18n', 'id.start.json'), 'utf8');
  splitI18n(WEB, dist);
  assert.equal(fs.readFileSync(path.join(dist, 'i18n', 'id.start.json'), 'utf8'), first, 'not reproducible');
});

test('the built dist carries the split catalogs', { skip: !(DIST && fs.existsSync(path.join(DIST, 'index.html'))) && 'KKPHAM_DIST not set' }, () => {
  assertParts(DIST);
});

test('every key of index.html (data-i18n, data-i18n-attr) is in the Start part', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1])
    .concat([...html.matchAll(/data-i18n-attr="([^"]+)"/g)].flatMap((m) => m[1].split(';').map((p) => p.split(':')[1].trim())));
  assert.ok(keys.length > 5);
  const start = startKeys(WEB, source('id'));
  for (const k of keys) {
    assert.ok(Object.hasOwn(source('id'), k), `index.html uses ${k}, not in web/i18n/id.json`);
    assert.ok(start.has(k), `index.html uses ${k}, not in the Start part`);
  }
});

test('the Start modules are the first screen\'s: static imports from index.html, no other screen', () => {
  const mods = startModules(WEB);
  for (const m of ['app.js', 'views/start.js', 'ui/i18n.js', 'ui/widgets.js', 'state/store.js']) assert.ok(mods.includes(m), m);
  for (const m of mods) assert.ok(!/^views\/(?!start\.js$)/.test(m) && !m.startsWith('engine/'), `${m} is not a Start module`);
});

// The key finder on a small web/ of its own: literals, templates, data-i18n, and what is not Start's.
test('the split finds keys in literals, templates and attributes, and leaves on-demand modules to the rest', (t) => {
  const web = tempDir(t);
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(web, rel)), { recursive: true });
    fs.writeFileSync(path.join(web, rel), text);
  };
  write('index.html', '<script type="module" src="app.js"></script><link rel="modulepreload" href="ui/pre.js">'
    + '<p data-i18n="html.text"></p><nav data-i18n-attr="aria-label:html.label; title:html.title"></nav>');
  write('app.js', "import { x } from './ui/helper.js';\nconst k = t('app.plain'); t(\"app.double\");\n"
    + 'const s = t(`pack.status.${st}`); const later = () => import(\'./views/other.js\');\n');
  write('ui/helper.js', "export const x = { label: 'helper.indirect' };\n");
  write('ui/pre.js', "t('pre.key');\n");
  write('views/other.js', "t('other.key');\n");
  const catalog = Object.fromEntries(['html.text', 'html.label', 'html.title', 'app.plain', 'app.double', 'pack.status.official',
    'pack.status.draft', 'helper.indirect', 'pre.key', 'other.key', 'pack.other', 'unused.key'].map((k) => [k, k.toUpperCase()]));
  for (const lang of LANGS) write(`i18n/${lang}.json`, JSON.stringify(catalog));
  assert.deepEqual([...startKeys(web, catalog)].sort(), ['app.double', 'app.plain', 'helper.indirect', 'html.label', 'html.text',
    'html.title', 'pack.status.draft', 'pack.status.official', 'pre.key']);
  const dist = path.join(web, 'dist');
  splitI18n(web, dist);
  assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(dist, 'i18n', 'id.rest.json'), 'utf8'))).sort(),
    ['other.key', 'pack.other', 'unused.key']);
});
