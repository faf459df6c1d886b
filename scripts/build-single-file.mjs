#!/usr/bin/env node
// Builds the single-file app: one kkpham.html that opens from file:// (a USB stick, an e-mail
// attachment) and works like the served app, with no request to any origin.
//
//   node scripts/build-single-file.mjs --web web --criteria criteria \
//        --module build/wasm/dist/kkpham-core.mjs --wasm build/wasm/dist/kkpham-core.wasm \
//        --out build/wasm/dist/kkpham.html
//
// What goes into the page:
//   * the JS modules of web/ reachable from app.js, through static imports and import()s (the
//     screens app.js registers, the engine facade, the alerts), plus kkpham-core.mjs (the same ES module
//     the served app imports), bundled into ONE inline <script type="module">. file:// refuses
//     to fetch modules, but an inline module that imports nothing runs; each import('./x.js')
//     becomes a promise of the bundled module's namespace;
//   * kkpham-core.wasm, base64 in a <script type="application/octet-stream"> data block, decoded
//     and handed to the module as `wasmBinary` (the same bytes as the served build: parity holds);
//   * web/style.css, web/screens.css and web/print.css as <style> elements;
//   * the catalogs (web/i18n/*.json) and the bundled packs (criteria/*.json) as
//     <script type="application/json"> data blocks, whitespace removed (a pack's canonical
//     SHA-256 does not depend on whitespace);
//   * globalThis.KKPHAM_EMBED = { i18n, packs, engineArgs } set before the app's modules run
//     (web/README.md, "A single-file build");
//   * a CSP <meta> with 'sha256-…' hashes of the inline script and styles instead of
//     'unsafe-inline', and connect-src 'none'.
//
// The bundler is purpose-written (no npm dependency): it parses each module with acorn (Debian's
// node-acorn, which emscripten itself needs at link time), evaluates modules in ES module order
// (depth-first, post-order), drops import/export syntax, and renames every top-level binding that
// would collide with another module's (or with a global one module uses) by a scope-aware walk,
// so modules keep their own private names. Imported bindings are rewritten to the exporter's
// (final) name, so they stay live; `import * as ns` becomes a frozen object of getters. It fails
// loudly on anything it does not support (export *, re-exports of re-exports, a capture).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { minifyJson as minifyJsonText } from './compress-dist.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Third-party modules the app imports from vendor/ (npm dependencies in package.json, which
// cmake/KkphamCopyDist.cmake copies into the served folder): here read from node_modules/.
export const VENDOR = new Map([['vendor/idb/index.js', 'node_modules/idb/build/index.js'],
  ['vendor/hash-wasm/index.esm.min.js', 'node_modules/hash-wasm/dist/index.esm.min.js'],
  ['vendor/@zip.js/zip.js/zip-core-external.min.js', 'node_modules/@zip.js/zip.js/dist/zip-core-external.min.js']]);

function loadAcorn() {
  const candidates = ['acorn', '/usr/share/nodejs/acorn'];
  for (const c of candidates) {
    try {
      return require(c);
    } catch {
      /* next */
    }
  }
  throw new Error('acorn not found: apt-get install node-acorn (emscripten depends on it)');
}
const acorn = loadAcorn();

// ------------------------------------------------------------------------------- scopes
class Scope {
  constructor(parent, kind) {
    this.parent = parent;
    this.kind = kind; // 'module' | 'function' | 'block'
    this.names = new Set();
  }
}

function patternNames(p, out) {
  if (!p) return;
  switch (p.type) {
    case 'Identifier': out.add(p.name); break;
    case 'ObjectPattern': for (const q of p.properties) patternNames(q.type === 'RestElement' ? q.argument : q.value, out); break;
    case 'ArrayPattern': for (const q of p.elements) patternNames(q, out); break;
    case 'AssignmentPattern': patternNames(p.left, out); break;
    case 'RestElement': patternNames(p.argument, out); break;
    default: break;
  }
}

const isFunction = (n) => n && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression');

function children(node) {
  const out = [];
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x.type === 'string') out.push(x);
    } else if (v && typeof v.type === 'string') out.push(v);
  }
  return out;
}

// `var` declarations hoist to the function (or module) scope.
function declareVars(node, scope) {
  if (!node || isFunction(node)) return;
  if (node.type === 'VariableDeclaration' && node.kind === 'var') {
    for (const d of node.declarations) patternNames(d.id, scope.names);
  }
  for (const c of children(node)) declareVars(c, scope);
}

// let/const/class/function (block-scoped in module code) and imports of one statement list.
function declareLexical(stmts, scope) {
  for (const s of stmts) {
    const d = (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration ? s.declaration : s;
    if (d.type === 'VariableDeclaration' && d.kind !== 'var') for (const v of d.declarations) patternNames(v.id, scope.names);
    else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) scope.names.add(d.id.name);
    else if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) scope.names.add(sp.local.name);
  }
}

/**
 * Walks one module and returns every identifier occurrence that resolves to a module-scope
 * binding ({node, name, scope, shorthand}) and the set of global names it uses.
 */
function analyse(ast) {
  const top = new Scope(null, 'module');
  const refs = [];
  const globals = new Set();

  function ref(id, scope, shorthand = false) {
    for (let s = scope; s; s = s.parent) {
      if (s.names.has(id.name)) {
        if (s === top) refs.push({ node: id, name: id.name, scope, shorthand });
        return;
      }
    }
    globals.add(id.name);
  }

  // A binding or assignment target: identifiers in it are bindings (resolved like references,
  // which finds the scope that declares them) and default values are expressions.
  function pattern(p, scope, shorthand = false) {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': ref(p, scope, shorthand); break;
      case 'ObjectPattern':
        for (const q of p.properties) {
          if (q.type === 'RestElement') pattern(q.argument, scope);
          else {
            if (q.computed) visit(q.key, scope);
            pattern(q.value, scope, q.shorthand);
          }
        }
        break;
      case 'ArrayPattern': for (const q of p.elements) pattern(q, scope); break;
      case 'AssignmentPattern': pattern(p.left, scope, shorthand); visit(p.right, scope); break;
      case 'RestElement': pattern(p.argument, scope); break;
      default: visit(p, scope); break; // member expression as an assignment target
    }
  }

  function fn(node, scope) {
    let outer = scope;
    if (node.type === 'FunctionExpression' && node.id) {
      outer = new Scope(scope, 'block');
      outer.names.add(node.id.name);
    }
    const f = new Scope(outer, 'function');
    for (const p of node.params) patternNames(p, f.names);
    if (node.type !== 'ArrowFunctionExpression') f.names.add('arguments');
    if (node.body.type === 'BlockStatement') {
      declareVars(node.body, f);
      declareLexical(node.body.body, f);
      for (const p of node.params) pattern(p, f);
      for (const s of node.body.body) visit(s, f);
    } else {
      for (const p of node.params) pattern(p, f);
      visit(node.body, f);
    }
  }

  function visit(node, scope) {
    if (!node) return;
    switch (node.type) {
      case 'Identifier': ref(node, scope); return;
      case 'FunctionDeclaration':
        if (node.id) ref(node.id, scope);
        fn(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        fn(node, scope);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (node.type === 'ClassDeclaration' && node.id) ref(node.id, scope);
        let s = scope;
        if (node.id) {
          s = new Scope(scope, 'block');
          s.names.add(node.id.name);
        }
        visit(node.superClass, s);
        visit(node.body, s);
        return;
      }
      case 'BlockStatement':
      case 'StaticBlock': {
        const b = new Scope(scope, 'block');
        declareLexical(node.body, b);
        for (const s of node.body) visit(s, b);
        return;
      }
      case 'SwitchStatement': {
        visit(node.discriminant, scope);
        const b = new Scope(scope, 'block');
        for (const c of node.cases) declareLexical(c.consequent, b);
        for (const c of node.cases) {
          visit(c.test, b);
          for (const s of c.consequent) visit(s, b);
        }
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const b = new Scope(scope, 'block');
        const decl = node.type === 'ForStatement' ? node.init : node.left;
        if (decl && decl.type === 'VariableDeclaration' && decl.kind !== 'var') {
          for (const d of decl.declarations) patternNames(d.id, b.names);
        }
        for (const c of children(node)) {
          if (c === node.left && c.type !== 'VariableDeclaration') pattern(c, b);
          else visit(c, b);
        }
        return;
      }
      case 'CatchClause': {
        const b = new Scope(scope, 'block');
        patternNames(node.param, b.names);
        pattern(node.param, b);
        visit(node.body, b);
        return;
      }
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          pattern(d.id, scope);
          visit(d.init, scope);
        }
        return;
      case 'AssignmentExpression':
        pattern(node.left, scope);
        visit(node.right, scope);
        return;
      case 'MemberExpression':
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      case 'Property':
        if (node.computed) visit(node.key, scope);
        if (node.shorthand && node.value.type === 'Identifier') ref(node.value, scope, true);
        else visit(node.value, scope);
        return;
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed) visit(node.key, scope);
        if (node.type === 'PropertyDefinition' && node.value) {
          const s = new Scope(scope, 'function'); // field initialisers: their own `this`
          visit(node.value, s);
        } else visit(node.value, scope);
        return;
      case 'LabeledStatement': visit(node.body, scope); return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateIdentifier':
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
        return;
      case 'ImportDeclaration':
        return; // handled by the bundler
      case 'ExportNamedDeclaration':
        if (node.declaration) visit(node.declaration, scope);
        // export { a, b as c }: local names are uses of module bindings (the statement goes away).
        return;
      case 'ExportDefaultDeclaration':
        visit(node.declaration, scope);
        return;
      default:
        for (const c of children(node)) visit(c, scope);
    }
  }

  declareLexical(ast.body, top);
  declareVars(ast, top);
  for (const s of ast.body) visit(s, top);
  return { top, refs, globals };
}

// ------------------------------------------------------------------------------- bundle
/**
 * Every import() of the module; each must name a string literal (a computed one cannot be
 * bundled). Third-party code under vendor/ may keep a computed import() it never runs in the
 * app: zip.js loads an external codec module by URL only when configured to (web/formats/ does
 * not; the single file's CSP would refuse it anyway); it is left as it is, not bundled.
 */
function dynamicImports(ast, file) {
  const found = [];
  const vendor = file.split(path.sep).join('/').includes('/vendor/');
  const walk = (n) => {
    if (n.type === 'ImportExpression') {
      const literal = n.source.type === 'Literal' && typeof n.source.value === 'string';
      if (!literal && vendor) return;
      if (!literal) throw new Error(`${file}: import() of a computed specifier cannot be bundled`);
      found.push(n);
    }
    for (const c of children(n)) walk(c);
  };
  walk(ast);
  return found;
}

/**
 * Bundles the ES module graph from `entry` into one module text.
 * @param {string} entryFile absolute path of the entry module
 * @param {(file: string) => string} [read]
 * @returns {{code: string, files: string[]}}
 */
export function bundle(entryFile, read = (f) => fs.readFileSync(f, 'utf8'), virtual = new Map()) {
  const mods = new Map(); // file → module record
  const order = [];
  const loadSrc = (file) => (virtual.has(file) ? virtual.get(file) : read(file));

  function load(file) {
    if (mods.has(file)) return mods.get(file);
    const src = loadSrc(file);
    let ast;
    try {
      ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'module' });
    } catch (err) {
      throw new Error(`${file}: ${err.message}`);
    }
    let slug = path.basename(file).replace(/\.[cm]?js$/, '').replace(/[^A-Za-z0-9_]/g, '_');
    for (let i = 2; [...mods.values()].some((o) => o.slug === slug); i += 1) slug = `${slug.replace(/_\d+$/, '')}_${i}`;
    const m = { file, src, ast, deps: [], dynamic: [], exports: new Map(), slug };
    mods.set(file, m);
    const relative = (spec) => {
      if (!spec.startsWith('./') && !spec.startsWith('../')) throw new Error(`${file}: only relative imports can be bundled (${spec})`);
      return path.resolve(path.dirname(file), spec);
    };
    for (const s of ast.body) {
      if (s.type === 'ImportDeclaration' || ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportAllDeclaration') && s.source)) {
        const dep = relative(s.source.value);
        m.deps.push(dep);
        load(dep);
      }
    }
    // import('./x.js') (a screen, the engine facade, the raw module): a file:// page cannot fetch
    // modules, so the module is bundled like a static import and the expression becomes a
    // promise of its namespace.
    for (const node of dynamicImports(ast, file)) {
      const dep = relative(node.source.value);
      m.dynamic.push({ node, dep });
      load(dep);
    }
    order.push(file); // post-order: dependencies first, as ES modules evaluate
    return m;
  }
  load(entryFile);

  // Analyse and record exports.
  for (const m of mods.values()) {
    m.info = analyse(m.ast);
    for (const s of m.ast.body) {
      if (s.type === 'ExportNamedDeclaration') {
        if (s.declaration) {
          const names = new Set();
          if (s.declaration.type === 'VariableDeclaration') for (const d of s.declaration.declarations) patternNames(d.id, names);
          else names.add(s.declaration.id.name);
          for (const n of names) m.exports.set(n, { mod: m, local: n });
        } else if (s.source) {
          const dep = path.resolve(path.dirname(m.file), s.source.value);
          for (const sp of s.specifiers) m.exports.set(sp.exported.name, { reexport: dep, name: sp.local.name });
        } else {
          for (const sp of s.specifiers) m.exports.set(sp.exported.name, { mod: m, local: sp.local.name });
        }
      } else if (s.type === 'ExportDefaultDeclaration') {
        const d = s.declaration;
        if (d.type === 'Identifier') m.exports.set('default', { mod: m, local: d.name });
        else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) m.exports.set('default', { mod: m, local: d.id.name });
        else {
          const local = `__default_${m.slug}`;
          m.info.top.names.add(local);
          m.defaultExpr = local;
          m.exports.set('default', { mod: m, local });
        }
      } else if (s.type === 'ExportAllDeclaration') {
        throw new Error(`${m.file}: export * is not supported by the single-file bundler`);
      }
    }
  }

  function resolveExport(file, name, seen = new Set()) {
    const m = mods.get(file);
    const key = `${file}#${name}`;
    if (seen.has(key)) throw new Error(`circular re-export of ${name} in ${file}`);
    seen.add(key);
    const e = m.exports.get(name);
    if (!e) throw new Error(`${file} does not export ${name}`);
    if (e.reexport) return resolveExport(e.reexport, e.name, seen);
    // The local may itself be an import binding (import { a } from …; export { a }).
    const imp = m.imports?.get(e.local);
    if (imp) return imp.ns ? { ns: imp.ns } : resolveExport(imp.file, imp.name, seen);
    return { mod: e.mod, local: e.local };
  }

  // Import bindings per module.
  for (const m of mods.values()) {
    m.imports = new Map();
    for (const s of m.ast.body) {
      if (s.type !== 'ImportDeclaration') continue;
      const dep = path.resolve(path.dirname(m.file), s.source.value);
      for (const sp of s.specifiers) {
        if (sp.type === 'ImportNamespaceSpecifier') m.imports.set(sp.local.name, { ns: dep });
        else m.imports.set(sp.local.name, { file: dep, name: sp.type === 'ImportDefaultSpecifier' ? 'default' : sp.imported.name });
      }
    }
  }

  // Final names of top-level declarations: kept unless declared by another module too, or used
  // as a global by any module.
  const allGlobals = new Set();
  for (const m of mods.values()) for (const g of m.info.globals) allGlobals.add(g);
  const declaredBy = new Map();
  for (const m of mods.values()) {
    for (const n of m.info.top.names) {
      if (m.imports.has(n)) continue;
      if (!declaredBy.has(n)) declaredBy.set(n, []);
      declaredBy.get(n).push(m);
    }
  }
  const used = new Set(allGlobals);
  for (const m of mods.values()) {
    m.final = new Map();
    for (const n of m.info.top.names) {
      if (m.imports.has(n)) continue;
      if (declaredBy.get(n).length === 1 && !allGlobals.has(n)) m.final.set(n, n);
    }
    for (const n of m.final.values()) used.add(n);
  }
  for (const m of mods.values()) {
    for (const n of m.info.top.names) {
      if (m.imports.has(n) || m.final.has(n)) continue;
      let name = `${n}$${m.slug}`;
      for (let i = 2; used.has(name); i += 1) name = `${n}$${m.slug}${i}`;
      used.add(name);
      m.final.set(n, name);
    }
  }
  const nsName = (file) => `__ns_${mods.get(file).slug}`;
  const namespaces = new Set();
  function finalOf(m, name) {
    const imp = m.imports.get(name);
    if (imp) {
      if (imp.ns) {
        namespaces.add(imp.ns);
        return nsName(imp.ns);
      }
      const r = resolveExport(imp.file, imp.name);
      if (r.ns) {
        namespaces.add(r.ns);
        return nsName(r.ns);
      }
      return r.mod.final.get(r.local);
    }
    return m.final.get(name);
  }

  // Rewrite each module's text.
  const parts = [];
  for (const file of order) {
    const m = mods.get(file);
    const edits = [];
    for (const s of m.ast.body) {
      if (s.type === 'ImportDeclaration') edits.push({ start: s.start, end: s.end, text: '' });
      else if (s.type === 'ExportNamedDeclaration') {
        if (s.declaration) edits.push({ start: s.start, end: s.declaration.start, text: '' });
        else edits.push({ start: s.start, end: s.end, text: '' });
      } else if (s.type === 'ExportDefaultDeclaration') {
        const d = s.declaration;
        if (d.type === 'Identifier') edits.push({ start: s.start, end: s.end, text: '' });
        else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) edits.push({ start: s.start, end: d.start, text: '' });
        else edits.push({ start: s.start, end: d.start, text: `const ${m.final.get(m.defaultExpr)} = ` });
      }
    }
    for (const { node, dep } of m.dynamic) {
      namespaces.add(dep);
      edits.push({ start: node.start, end: node.end, text: `Promise.resolve(${nsName(dep)})` });
    }
    const seen = new Set();
    for (const r of m.info.refs) {
      if (seen.has(r.node.start)) continue;
      seen.add(r.node.start);
      const to = finalOf(m, r.name);
      if (!to) throw new Error(`${file}: cannot resolve ${r.name}`);
      if (to === r.name) continue;
      // A renamed reference must not be captured by an inner declaration of the new name.
      for (let s = r.scope; s && s.kind !== 'module'; s = s.parent) {
        if (s.names.has(to)) throw new Error(`${file}: ${r.name} → ${to} would be captured by an inner declaration`);
      }
      edits.push({ start: r.node.start, end: r.node.end, text: r.shorthand ? `${r.name}: ${to}` : to });
    }
    edits.sort((a, b) => b.start - a.start);
    let out = m.src;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    parts.push(`// ---- ${path.basename(file)}\n${out.trim()}\n`);
  }

  const nsDefs = [];
  for (const file of namespaces) {
    const m = mods.get(file);
    const props = [...m.exports.keys()].sort().map((name) => {
      const r = resolveExport(file, name);
      const target = r.ns ? nsName(r.ns) : r.mod.final.get(r.local);
      return `get ${JSON.stringify(name)}() { return ${target}; }`;
    });
    nsDefs.push(`const ${nsName(file)} = Object.freeze({ __proto__: null, ${props.join(', ')} });`);
  }
  return { code: `${nsDefs.join('\n')}\n${parts.join('')}`, files: order };
}

// ------------------------------------------------------------------------------- minifiers
/** Removes whitespace outside strings from JSON text (scripts/compress-dist.mjs), checking the result. */
export function minifyJson(text) {
  const out = minifyJsonText(text);
  JSON.parse(out); // still JSON
  return out;
}

/** Removes comments and collapses whitespace in CSS (strings are kept). */
export function minifyCss(css) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const j = css.indexOf('*/', i + 2);
      i = j < 0 ? css.length : j + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c)) {
      while (i < css.length && /\s/.test(css[i])) i += 1;
      out += ' ';
    } else {
      out += c;
      i += 1;
    }
  }
  return out.replace(/ ?([{};,>]) ?/g, '$1').replace(/;}/g, '}').trim();
}

/** Drops comments and line indentation from JS, using acorn's comment and template ranges. */
export function stripJs(code) {
  const comments = [];
  const templates = [];
  acorn.parse(code, {
    ecmaVersion: 'latest', sourceType: 'module',
    onComment: (block, text, start, end) => comments.push([start, end]),
    onToken: (t) => {
      if (t.type.label === 'template') templates.push([t.start, t.end]);
    },
  });
  let out = code;
  for (const [s, e] of comments.reverse()) out = out.slice(0, s) + (out.slice(s, e).includes('\n') ? '\n' : ' ') + out.slice(e);
  // Indentation: only on lines whose start is not inside a template literal.
  const tpl = [];
  acorn.parse(out, { ecmaVersion: 'latest', sourceType: 'module', onToken: (t) => { if (t.type.label === 'template') tpl.push([t.start, t.end]); } });
  const inTpl = (pos) => tpl.some(([s, e]) => pos >= s && pos < e);
  let res = '';
  let pos = 0;
  for (const line of out.split('\n')) {
    const trimmed = inTpl(pos) ? line : line.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    if (trimmed !== '' || inTpl(pos)) res += `${trimmed}\n`;
    pos += line.length + 1;
  }
  acorn.parse(res, { ecmaVersion: 'latest', sourceType: 'module' }); // still valid
  return res;
}

// ------------------------------------------------------------------------------- page
const sha256 = (s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;
// Text inside <script>/<style> must not close the element.
const safeInElement = (s, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(s) || /<!--/.test(s)) {
    throw new Error(`inline ${tag} text contains </${tag} or <!--`);
  }
  return s;
};
const jsonForScript = (text) => text.replace(/</g, '\\u003c'); // only valid inside JSON strings

export function buildSingleFile({ web, criteria, module, wasm, out, minify = true }) {
  const webDir = path.resolve(web);
  const entry = path.join(webDir, '__kkpham_single_entry.js');
  const setup = path.join(webDir, '__kkpham_embed.js');
  // The raw module sits next to index.html in the served app (web/engine/kkpham-api.js imports
  // '../kkpham-core.mjs'): the built one stands in at that path, so both imports meet in one copy.
  const core = path.join(webDir, 'kkpham-core.mjs');
  const virtual = new Map([
    [core, fs.readFileSync(path.resolve(module), 'utf8')],
    [setup, [
      "import createKkphamModule from './kkpham-core.mjs';",
      "const data = (id) => document.getElementById(id).textContent;",
      "const json = (id) => JSON.parse(data(id));",
      "const bytes = (b64) => { const s = atob(b64); const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i += 1) u[i] = s.charCodeAt(i); return u; };",
      'const packs = {};',
      "for (const el of document.querySelectorAll('script[data-kkpham-pack]')) packs[el.dataset.kkphamPack] = el.textContent;",
      'globalThis.KKPHAM_EMBED = Object.freeze({',
      "  i18n: { id: json('kkpham-i18n-id'), en: json('kkpham-i18n-en') },",
      '  packs,',
      "  engineArgs: { createModule: createKkphamModule, wasmBinary: bytes(data('kkpham-wasm').trim()) },",
      '});',
    ].join('\n')],
    [entry, "import './__kkpham_embed.js';\nimport './app.js';\n"],
  ]);
  for (const [rel, from] of VENDOR) {
    const file = path.join(ROOT, from);
    if (!fs.existsSync(file)) throw new Error(`${from} is missing: run npm ci (package.json dependencies)`);
    virtual.set(path.join(webDir, rel), fs.readFileSync(file, 'utf8'));
  }
  const read = (f) => fs.readFileSync(f, 'utf8');
  let { code, files } = bundle(entry, read, virtual);
  if (minify) code = stripJs(code);
  code = safeInElement(code, 'script');

  const cssMain = safeInElement(minify ? minifyCss(read(path.join(webDir, 'style.css'))) : read(path.join(webDir, 'style.css')), 'style');
  // The other screens' sheet (the served app links it when the first of them loads,
  // web/ui/screen-sheets.js): inline here, after style.css and before print.css, marked so the app does
  // not link it again.
  const cssScreens = safeInElement(minify ? minifyCss(read(path.join(webDir, 'screens.css'))) : read(path.join(webDir, 'screens.css')), 'style');
  const printPath = path.join(webDir, 'print.css');
  const cssPrint = fs.existsSync(printPath) ? safeInElement(minify ? minifyCss(read(printPath)) : read(printPath), 'style') : null;

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(code)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(cssMain)} ${sha256(cssScreens)}${cssPrint !== null ? ` ${sha256(cssPrint)}` : ''}`,
    "img-src data:",
    "connect-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = read(path.join(webDir, 'index.html'));
  const replaceOne = (re, text, what) => {
    if (!re.test(html)) throw new Error(`index.html: ${what} not found`);
    html = html.replace(re, () => text);
  };
  replaceOne(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'the CSP meta');
  html = html.replace(/\s*<link rel="manifest"[^>]*>/i, '');
  // Everything is inline: no module or data to preload (file:// could not fetch it anyway).
  html = html.replace(/\s*<!--[^>]*-->/g, '').replace(/\s*<link rel="(?:modulepreload|preload)"[^>]*>/gi, '');
  replaceOne(/<link rel="stylesheet" href="style\.css"[^>]*>/i, `<style>${cssMain}</style>\n<style data-sheet="screens">${cssScreens}</style>`
    + `${cssPrint !== null ? `\n<style media="print" data-sheet="print">${cssPrint}</style>` : ''}`, 'style.css link');
  // (The served index.html has no print.css link: web/ui/screen-sheets.js adds it after Start.)
  replaceOne(/<script type="module" src="app\.js"><\/script>/i, `<script type="module">${code}</script>`, 'the app.js module script');

  const blocks = [];
  for (const lang of ['id', 'en']) {
    const text = read(path.join(webDir, 'i18n', `${lang}.json`));
    blocks.push(`<script type="application/json" id="kkpham-i18n-${lang}">${jsonForScript(minify ? minifyJson(text) : text)}</script>`);
  }
  const packFiles = fs.readdirSync(criteria).filter((f) => f.endsWith('.json')).sort();
  for (const f of packFiles) {
    const text = read(path.join(criteria, f));
    blocks.push(`<script type="application/json" data-kkpham-pack="criteria/${f}">${jsonForScript(minify ? minifyJson(text) : text)}</script>`);
  }
  const wasmB64 = fs.readFileSync(wasm).toString('base64').replace(/.{1,100000}/g, '$&\n');
  blocks.push(`<script type="application/octet-stream" id="kkpham-wasm">\n${wasmB64}</script>`);
  replaceOne(/<\/body>/i, `${blocks.join('\n')}\n</body>`, '</body>');

  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, html);
  fs.renameSync(tmp, out);
  return { bytes: Buffer.byteLength(html), modules: files.map((f) => path.relative(webDir, f)), csp };
}

// ------------------------------------------------------------------------------- CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--no-minify') args.minify = false;
    else if (a.startsWith('--') && i + 1 < argv.length) args[a.slice(2)] = argv[++i];
    else {
      console.error(`build-single-file: unexpected argument ${a}`);
      process.exit(2);
    }
  }
  for (const k of ['web', 'criteria', 'module', 'wasm', 'out']) {
    if (!args[k]) {
      console.error(`build-single-file: --${k} is required (see the header of ${process.argv[1]})`);
      process.exit(2);
    }
  }
  try {
    const r = buildSingleFile(args);
    for (const copy of (args.copy ? args.copy.split(',') : [])) fs.copyFileSync(args.out, copy);
    console.log(`kkpham: ${args.out}: ${r.bytes} bytes, ${r.modules.length} modules inlined`);
  } catch (err) {
    console.error(`build-single-file: ${err.message}`);
    process.exit(1);
  }
}
