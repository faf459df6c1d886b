// scripts/serve.mjs: MIME types, caching and security headers, and refusal of paths outside
// the served folder. Runs against a small temporary folder (plus the real dist for the MIME
// types of the built files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startServer, CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { DIST_DIR } from './lib.mjs';

let tmp;
let root;
let srv;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-serve-'));
  root = path.join(tmp, 'site');
  fs.mkdirSync(path.join(root, 'criteria'), { recursive: true });
  fs.mkdirSync(path.join(root, 'sub'));
  const files = {
    'index.html': '<!doctype html><title>t</title>',
    'a.js': 'export {}', 'b.mjs': 'export {}', 'c.wasm': '\0asm', 'd.json': '{}', 'e.css': 'p{}',
    'f.svg': '<svg/>', 'manifest.webmanifest': '{}', 'criteria/p.json': '{"x":1}', 'sub/index.html': 'sub',
    '.hidden': 'secret', 'weird.xyz': 'x',
  };
  for (const [f, body] of Object.entries(files)) fs.writeFileSync(path.join(root, f), body);
  fs.writeFileSync(path.join(tmp, 'outside.txt'), 'outside');
  fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(root, 'escape.txt'));
  srv = await startServer(root, 0);
});

after(async () => {
  await srv?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A raw HTTP/1.1 request, so paths reach the server exactly as written (no URL normalising). */
function rawGet(target) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(srv.port, '127.0.0.1', () => {
      sock.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    sock.on('error', reject);
  });
}

test('listens on loopback, on an ephemeral port', () => {
  assert.ok(srv.port > 0);
  assert.equal(srv.server.address().address, '127.0.0.1');
  assert.equal(srv.url, `http://127.0.0.1:${srv.port}/`);
});

test('MIME types', async () => {
  const want = {
    '': 'text/html', 'index.html': 'text/html', 'a.js': 'text/javascript', 'b.mjs': 'text/javascript',
    'c.wasm': 'application/wasm', 'd.json': 'application/json', 'e.css': 'text/css',
    'f.svg': 'image/svg+xml', 'manifest.webmanifest': 'application/manifest+json',
    'criteria/p.json': 'application/json', 'sub/': 'text/html', 'weird.xyz': 'application/octet-stream',
  };
  for (const [p, type] of Object.entries(want)) {
    const r = await fetch(srv.url + p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers.get('content-type').split(';')[0], type, p);
    await r.arrayBuffer();
  }
});

test('security and cache headers', async () => {
  const r = await fetch(srv.url);
  await r.text();
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  assert.ok(r.headers.get('etag'));
  assert.ok(r.headers.get('last-modified'));
});

test('revalidation: If-None-Match gives 304', async () => {
  const first = await fetch(srv.url + 'a.js');
  await first.text();
  const again = await fetch(srv.url + 'a.js', { headers: { 'If-None-Match': first.headers.get('etag') } });
  assert.equal(again.status, 304);
});

test('HEAD has headers and no body; other methods are refused', async () => {
  const head = await fetch(srv.url + 'b.mjs', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '9');
  assert.equal(await head.text(), '');
  const post = await fetch(srv.url + 'b.mjs', { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  await post.text();
});

test('a directory without its slash redirects to it (never off-site)', async () => {
  const r = await fetch(srv.url + 'sub', { redirect: 'manual' });
  assert.equal(r.status, 301);
  assert.equal(r.headers.get('location'), '/sub/');
  const evil = await rawGet('//sub');
  assert.ok(evil.status === 301 || evil.status === 404, evil.text);
  assert.doesNotMatch(evil.text, /Location: \/\//i);
});

test('missing files give 404', async () => {
  const r = await fetch(srv.url + 'nope.js');
  assert.equal(r.status, 404);
  await r.text();
});

test('paths outside the folder, dot-files and odd encodings are refused', async () => {
  for (const target of [
    '/../outside.txt', '/%2e%2e/outside.txt', '/sub/../../outside.txt', '/..%2foutside.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..\\outside.txt', '/.hidden', '/escape.txt', '/%00',
    '/%E0%A4%A', '/criteria/..%5c..%5coutside.txt',
  ]) {
    const r = await rawGet(target);
    assert.ok([400, 404].includes(r.status), `${target} -> ${r.status}`);
    assert.doesNotMatch(r.text, /outside|secret|root:/, target);
  }
});

test('the built dist is served with the types the browser needs', { skip: !fs.existsSync(DIST_DIR) && `no ${DIST_DIR}` }, async () => {
  const dist = await startServer(DIST_DIR, 0);
  try {
    for (const [p, type] of [['kkpham-core.mjs', 'text/javascript'], ['kkpham-core.wasm', 'application/wasm'],
      ['engine/kkpham-api.js', 'text/javascript']]) {
      const r = await fetch(dist.url + p);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers.get('content-type').split(';')[0], type, p);
      await r.arrayBuffer();
    }
  } finally {
    await dist.close();
  }
});
