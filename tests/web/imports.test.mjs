// The layout of web/ (web/README.md, "Layout"): one-way imports by role, no view importing
// another view, only web/engine/ touching the raw wasm module, no import cycle. Runs on the
// source tree (no build needed): node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, violations } from './import-graph.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = path.join(ROOT, 'web');

test('web/ keeps its one-way imports and has no import cycle', () => {
  const graph = buildGraph(WEB);
  assert.deepEqual(violations(graph), []);
});

test('the graph of web/ is read whole: static, dynamic and worker edges', () => {
  const { modules } = buildGraph(WEB);
  const edges = (from) => modules.get(from).edges.map((e) => `${e.kind} ${e.to}`);
  assert.ok(edges('app.js').includes('static views/start.js'));
  assert.ok(edges('app.js').includes('dynamic views/fill/fill.js'));
  assert.ok(edges('engine/kkpham-api.js').includes('dynamic kkpham-core.mjs'));
  assert.ok(edges('state/assessment.js').includes('dynamic engine/kkpham-api.js'));
  assert.ok(edges('state/assessment.js').includes('url engine/compare-worker.js'));
  for (const role of ['engine', 'state', 'view', 'ui']) {
    assert.ok([...modules.values()].some((m) => m.role === role), `no ${role} module found`);
  }
});

// The checker itself must fail on each broken rule: a small web/ with one of each.
test('the checker reports cycles, view → view and every other broken rule', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-imports-'));
  try {
    const files = {
      'app.js': "import './views/a.js';\nconst b = () => import('./views/b/main.js');",
      'views/a.js': "import { x } from './b/main.js';\nimport '../state/s1.js';\nexport const a = x;",
      'views/b/main.js': "import { y } from './part.js';\nexport const x = y;",
      'views/b/part.js': 'export const y = 1;',
      'views/c.js': "import '../engine/api.js';\nimport '../app.js';",
      'state/s1.js': "import './s2.js';\nexport const s1 = 1;",
      'state/s2.js': "import { s1 } from './s1.js';\nexport const s2 = () => import('../views/a.js');",
      'state/s3.js': "const w = new Worker(new URL('../kkpham-core.mjs', import.meta.url));\nconst m = 'x';\nimport(m);",
      'engine/api.js': "export const load = () => import('../kkpham-core.mjs');\nimport '../ui/u.js';",
      'ui/u.js': "import '../state/s1.js';\nimport 'lodash';\nimport './missing.js';",
      'helpers.js': 'export {};',
      'formats/zip.js': "import '../vendor/zip/index.js';\nimport '../state/s1.js';",
      'views/d.js': "import '../formats/zip.js';",
      'state/s4.js': "export const z = () => import('../formats/zip.js');",
    };
    for (const [f, src] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), src);
    }
    const v = violations(buildGraph(dir));
    const has = (re) => assert.ok(v.some((s) => re.test(s)), `expected a violation matching ${re}; got:\n${v.join('\n')}`);
    has(/^import cycle: web\/state\/s1\.js ↔ web\/state\/s2\.js ↔ web\/views\/a\.js$/);
    has(/web\/views\/a\.js imports \.\/b\/main\.js: a view imports another view \(a → b\)/);
    has(/web\/state\/s2\.js imports \.\.\/views\/a\.js: state imports a view/);
    has(/web\/views\/c\.js imports \.\.\/engine\/api\.js: a view reaches the engine/);
    has(/web\/views\/c\.js imports \.\.\/app\.js: nothing imports the shell/);
    has(/web\/state\/s3\.js imports \.\.\/kkpham-core\.mjs: only web\/engine\/ touches the raw wasm module/);
    has(/web\/state\/s3\.js: import\(\) of a computed specifier/);
    has(/web\/engine\/api\.js imports \.\.\/ui\/u\.js: the engine imports only engine modules/);
    has(/web\/ui\/u\.js imports \.\.\/state\/s1\.js: ui imports only ui modules/);
    has(/web\/ui\/u\.js: "lodash" is not a relative path/);
    has(/web\/ui\/u\.js imports \.\/missing\.js: web\/ui\/missing\.js does not exist/);
    has(/web\/helpers\.js: a module outside engine\/, state\/, views\/, ui\//);
    has(/web\/formats\/zip\.js imports \.\.\/state\/s1\.js: a format adapter imports only formats\/ and vendor\//);
    has(/web\/views\/d\.js imports \.\.\/formats\/zip\.js: a view reaches a format adapter through web\/state\//);
    // Allowed: a view's own folder (b/main → b/part), the shell loading views, engine → raw module.
    assert.ok(!v.some((s) => /^web\/views\/b\/main\.js imports/.test(s)), v.join('\n'));
    assert.ok(!v.some((s) => /^web\/app\.js imports/.test(s)), v.join('\n'));
    assert.ok(!v.some((s) => /^web\/engine\/api\.js imports \.\.\/kkpham-core/.test(s)), v.join('\n'));
    // Allowed: a format adapter importing vendor/, state loading a format adapter on use.
    assert.ok(!v.some((s) => /^web\/formats\/zip\.js imports \.\.\/vendor/.test(s)), v.join('\n'));
    assert.ok(!v.some((s) => /^web\/state\/s4\.js imports/.test(s)), v.join('\n'));
    assert.equal(v.length, 14, v.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
