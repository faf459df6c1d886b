// kkpham service worker: keeps the app usable offline after the first visit.
//
// Strategy: network first (so a new build is used as soon as the server has it), with the
// cached copy as the fallback when the network fails or is too slow. Every same-origin GET
// that succeeds is cached, so whatever the first visit loaded is available offline. Requests
// to other origins are never made by the app and are not handled here.
const CACHE = 'kkpham-v2';
const SHELL = [
  './',
  'index.html',
  'style.css',
  'print.css',
  'manifest.webmanifest',
  'app.js',
  'compare.js',
  'compare-worker.js',
  'dom.js',
  'fill.js',
  'gap.js',
  'guard.js',
  'i18n.js',
  'io.js',
  'paths.js',
  'plan.js',
  'report.js',
  'score.js',
  'start.js',
  'state.js',
  'store.js',
  'ui.js',
  'workshop.js',
  'yoy.js',
  'kkpham-api.js',
  'kkpham-core.mjs',
  'kkpham-core.wasm',
  'i18n/id.json',
  'i18n/en.json',
  'criteria/kkpham-22-2021.json',
];
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One by one: a missing optional file must not stop the others from being cached.
    await Promise.all(SHELL.map(async (path) => {
      try {
        const res = await fetch(new Request(path, { cache: 'no-cache' }));
        if (res.ok) await cache.put(path, res);
      } catch {
        /* offline during install: cached on a later visit */
      }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE && key.startsWith('kkpham-')) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const network = fetch(req).then(async (res) => {
      if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
      return res;
    });
    network.catch(() => {}); // a late failure after the timeout is not an error
    try {
      return await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
    } catch {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      if (req.mode === 'navigate') {
        const shell = await cache.match('index.html');
        if (shell) return shell;
      }
      return network; // nothing cached: let the original error (or a late answer) through
    }
  })());
});
