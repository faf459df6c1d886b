// The import graph of web/ and the layout rules it must keep (web/README.md, "Layout"):
//
//   views -> state -> engine, and anything -> ui; ui imports nothing outside ui/;
//   formats/ (file-format adapters at the edge: workbooks, ZIP, hashing) is reached from state/
//   only and imports only formats/ and vendor/ (never state, views, engine or ui);
//   a view never imports another view (screens meet through web/state/navigation.js);
//   state imports no view, engine imports neither state nor views nor ui;
//   only web/engine/* touches the raw wasm module (kkpham-core.mjs / .wasm);
//   nothing imports the shell (app.js, which loads the screens); no import cycle anywhere.
//   third-party modules (vendor/, copied from node_modules/ by the build) only from web/state/
//   and web/formats/.
//
// Edges: `import … from`, `export … from`, `import('literal')`, and `new URL('x.js',
// import.meta.url)` (how a worker module is started). A dynamic import() of anything but a
// string literal cannot be checked and is a violation. Modules are parsed with acorn (Debian's
// node-acorn, which emscripten and scripts/build-single-file.mjs use too).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
function loadAcorn() {
  for (const c of ['acorn', '/usr/share/nodejs/acorn']) {
    try {
      return require(c);
    } catch {
      /* next */
    }
  }
  throw new Error('acorn not found: apt-get install node-acorn (emscripten depends on it)');
}
const acorn = loadAcorn();

const RAW = /(^|\/)kkpham-core\.(mjs|wasm)$/;

function jsFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return jsFiles(full, base);
    return /\.m?js$/.test(d.name) ? [path.relative(base, full).split(path.sep).join('/')] : [];
  });
}

/** Role of a module by its path under web/: {role, view}. */
export function roleOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) {
    if (rel === 'app.js') return { role: 'shell' };
    if (rel === 'sw.js') return { role: 'service-worker' };
    return { role: 'unplaced' };
  }
  const [top, second] = parts;
  if (top === 'views') return { role: 'view', view: parts.length === 2 ? second.replace(/\.m?js$/, '') : second };
  if (top === 'engine' || top === 'state' || top === 'ui' || top === 'formats') return { role: top };
  return { role: 'unplaced' };
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) for (const x of v) walk(x, visit);
    else if (v && typeof v.type === 'string') walk(v, visit);
  }
}

/** Import specifiers of one module's source: [{spec, kind}] plus problems (unchecked import()). */
export function importsOf(src, file = '<module>') {
  const ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'module' });
  const out = [];
  const problems = [];
  walk(ast, (n) => {
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source) {
      out.push({ spec: n.source.value, kind: 'static' });
    } else if (n.type === 'ImportExpression') {
      if (n.source.type === 'Literal' && typeof n.source.value === 'string') out.push({ spec: n.source.value, kind: 'dynamic' });
      else if (n.source.type === 'TemplateLiteral' && n.source.expressions.length === 0) out.push({ spec: n.source.quasis[0].value.cooked, kind: 'dynamic' });
      else problems.push(`${file}: import() of a computed specifier cannot be checked; use a string literal`);
    } else if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URL' && n.arguments.length === 2
      && n.arguments[0].type === 'Literal' && typeof n.arguments[0].value === 'string' && /\.(m?js|wasm)$/.test(n.arguments[0].value)
      && n.arguments[1].type === 'MemberExpression' && n.arguments[1].object.type === 'MetaProperty') {
      out.push({ spec: n.arguments[0].value, kind: 'url' });
    }
  });
  return { imports: out, problems };
}

/** Reads every .js/.mjs module under webDir: {modules: Map(rel → {role, view, edges}), problems}. */
export function buildGraph(webDir) {
  const modules = new Map();
  const problems = [];
  for (const rel of jsFiles(webDir)) {
    const { imports, problems: p } = importsOf(fs.readFileSync(path.join(webDir, rel), 'utf8'), `web/${rel}`);
    problems.push(...p);
    const edges = [];
    for (const { spec, kind } of imports) {
      if (!spec.startsWith('./') && !spec.startsWith('../')) {
        problems.push(`web/${rel}: "${spec}" is not a relative path (the page has no bare module specifiers)`);
        continue;
      }
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
      edges.push({ to, kind, spec });
    }
    modules.set(rel, { ...roleOf(rel), edges });
  }
  return { modules, problems };
}

// Strongly connected components with more than one module, or a module importing itself.
function cycles(modules) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const { to } of modules.get(v).edges) {
      if (!modules.has(to)) continue;
      if (!idx.has(to)) {
        strong(to);
        low.set(v, Math.min(low.get(v), low.get(to)));
      } else if (on.has(to)) low.set(v, Math.min(low.get(v), idx.get(to)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || modules.get(v).edges.some((e) => e.to === v)) found.push(comp.sort());
    }
  };
  for (const v of [...modules.keys()].sort()) if (!idx.has(v)) strong(v);
  return found;
}

/** Every broken rule of the graph, as sentences naming the modules (empty when all hold). */
export function violations({ modules, problems }) {
  const out = [...problems];
  for (const [from, m] of modules) {
    if (m.role === 'unplaced') out.push(`web/${from}: a module outside engine/, state/, views/, ui/, formats/ (only app.js and sw.js stay at the top)`);
    for (const { to, spec } of m.edges) {
      const what = `web/${from} imports ${spec}`;
      if (RAW.test(to)) {
        if (m.role !== 'engine') out.push(`${what}: only web/engine/ touches the raw wasm module`);
        continue;
      }
      // Third-party modules (npm dependencies) are copied to vendor/ by the build, not kept in web/.
      if (to.startsWith('vendor/')) {
        if (m.role !== 'state' && m.role !== 'formats') out.push(`${what}: only web/state/ and web/formats/ import third-party modules (vendor/)`);
        continue;
      }
      const t = modules.get(to);
      if (!t) {
        out.push(`${what}: web/${to} does not exist`);
        continue;
      }
      if (t.role === 'shell') out.push(`${what}: nothing imports the shell`);
      switch (m.role) {
        case 'view':
          if (t.role === 'view' && t.view !== m.view) out.push(`${what}: a view imports another view (${m.view} → ${t.view}); use web/state/navigation.js`);
          if (t.role === 'engine') out.push(`${what}: a view reaches the engine through web/state/, not directly`);
          if (t.role === 'formats') out.push(`${what}: a view reaches a format adapter through web/state/, not directly`);
          break;
        case 'state':
          if (t.role === 'view') out.push(`${what}: state imports a view`);
          break;
        case 'engine':
          if (t.role !== 'engine') out.push(`${what}: the engine imports only engine modules (not ${t.role})`);
          break;
        case 'ui':
          if (t.role !== 'ui') out.push(`${what}: ui imports only ui modules (not ${t.role})`);
          break;
        case 'formats':
          if (t.role !== 'formats') out.push(`${what}: a format adapter imports only formats/ and vendor/ modules (not ${t.role})`);
          break;
        case 'service-worker':
          out.push(`${what}: the service worker imports nothing`);
          break;
        default:
          break;
      }
    }
  }
  for (const c of cycles(modules)) out.push(`import cycle: ${c.map((f) => `web/${f}`).join(' ↔ ')}`);
  return out;
}
