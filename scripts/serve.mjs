#!/usr/bin/env node
// Zero-dependency static file server for the built app (build/wasm/dist).
//
//   node scripts/serve.mjs [DIR] [PORT] [HOST]     defaults: build/wasm/dist 8080 127.0.0.1
//   import { startServer } from './scripts/serve.mjs';
//   const srv = await startServer(dir, 0);          // port 0 = an ephemeral port
//   srv.url; await srv.close();
//
// GET/HEAD only; correct MIME types (module scripts need a JS type, streaming wasm compilation
// needs application/wasm); `Cache-Control: no-cache` with ETag/Last-Modified revalidation (so
// a service worker and the browser see new builds at once); security headers with a strict
// Content-Security-Policy; path traversal, encoded slashes, NUL bytes and dot-files refused;
// symlinks that lead outside DIR refused. Binds to loopback by default.
// Precompressed files: when the client accepts gzip and `<file>.gz` exists next to the file
// (scripts/compress-dist.mjs writes them at build time), that is sent with
// `Content-Encoding: gzip` (and `Vary: Accept-Encoding`, its own ETag); nothing is compressed
// at request time.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
});

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

function send(res, status, body, headers = {}) {
  const text = body ?? '';
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** Maps a request URL path to a file inside root, or returns an HTTP status to answer with. */
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || /%2f|%5c/i.test(urlPath) || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return { status: 404 };
  let file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 404 };
  let stat;
  try {
    stat = await fsp.stat(file);
    if (stat.isDirectory()) {
      if (!decoded.endsWith('/')) {
        // Built from the segments, so `//host` can never become a protocol-relative redirect.
        return { redirect: `/${segments.map(encodeURIComponent).join('/')}/`.replace(/^\/\/$/, '/') };
      }
      file = path.join(file, 'index.html');
      stat = await fsp.stat(file);
    }
    // No way out through a symlink.
    const real = await fsp.realpath(file);
    if (!real.startsWith(root + path.sep)) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  if (!stat.isFile()) return { status: 404 };
  return { file, stat };
}

/** True when the Accept-Encoding header allows gzip (q > 0). */
export function acceptsGzip(header) {
  if (!header) return false;
  let gzip = null;
  let star = null;
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  const q = gzip ?? star ?? 0;
  return Number.isFinite(q) && q > 0;
}

/** The precompressed sibling of `file` (a regular file inside root), or null. */
async function gzipSibling(root, file) {
  try {
    const gz = `${file}.gz`;
    const stat = await fsp.stat(gz);
    if (!stat.isFile()) return null;
    const real = await fsp.realpath(gz);
    if (!real.startsWith(root + path.sep)) return null;
    return { file: gz, stat };
  } catch {
    return null;
  }
}

function handler(root) {
  return async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      }
      // The request target as sent (no URL parsing: `//x` must not turn into a host name).
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const pathname = q < 0 ? target : target.slice(0, q);
      const search = q < 0 ? '' : target.slice(q);
      if (!pathname.startsWith('/')) return send(res, 400, 'Bad Request\n');
      const found = await resolveFile(root, pathname);
      if (found.redirect) return send(res, 301, '', { Location: found.redirect + search });
      if (found.status) {
        return send(res, found.status, found.status === 400 ? 'Bad Request\n' : 'Not Found\n');
      }
      let { file, stat } = found;
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const extra = {};
      const gz = await gzipSibling(root, file);
      if (gz) {
        extra.Vary = 'Accept-Encoding';
        if (acceptsGzip(req.headers['accept-encoding']) && gz.stat.mtimeMs >= stat.mtimeMs) {
          extra['Content-Encoding'] = 'gzip';
          ({ file, stat } = gz);
        }
      }
      const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${extra['Content-Encoding'] ? '-gz' : ''}"`;
      const headers = {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        ETag: etag,
        'Last-Modified': stat.mtime.toUTCString(),
        ...extra,
      };
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === etag)) {
        res.writeHead(304, headers);
        return res.end();
      }
      res.writeHead(200, { ...headers, 'Content-Length': stat.size });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy(err);
    }
  };
}

/**
 * Serves `dir` over http. Resolves once listening.
 * @param {string} dir folder to serve (must exist)
 * @param {number} [port=8080] 0 picks a free port
 * @param {string} [host='127.0.0.1']
 * @returns {Promise<{server: http.Server, port: number, url: string, close: () => Promise<void>}>}
 */
export async function startServer(dir, port = 8080, host = '127.0.0.1') {
  const root = await fsp.realpath(path.resolve(dir));
  if (!(await fsp.stat(root)).isDirectory()) throw new Error(`not a directory: ${root}`);
  const server = http.createServer(handler(root));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port: actual,
    url: `http://${shownHost}:${actual}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

// CLI entry point.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'build/wasm/dist', portText = process.env.PORT ?? '8080', host = process.env.HOST ?? '127.0.0.1'] =
    process.argv.slice(2);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: bad port ${JSON.stringify(portText)}`);
    process.exit(2);
  }
  if (!fs.existsSync(dir)) {
    console.error(`serve.mjs: ${dir} does not exist (build it: cmake --workflow --preset app)`);
    process.exit(1);
  }
  const srv = await startServer(dir, port, host);
  console.log(`kkpham: serving ${path.resolve(dir)} at ${srv.url}  (Ctrl+C to stop)`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
