// kkpham service worker: keeps the app usable offline after the first visit.
//
// Strategy: the app's files (SHELL) are precached at install and then served from the cache,
// so a second visit starts without waiting for the network. The heavy libraries of single
// features (ON_USE: ExcelJS for workbooks, zip.js for packages, hash-wasm for evidence files)
// are not: they are fetched the first time their feature is used, and cached then (the fetch
// handler caches every same-origin answer). A new worker fetches again, at install, only those
// the user already had cached, so a library used once stays available offline across updates.
// BUILD is replaced at build time by a hash of every file of the app (scripts/stamp-sw.mjs): a
// new build changes sw.js, the browser installs the new worker, which precaches the new files
// and takes over (used from the next load on). Anything else same-origin is fetched network first, with the cache as the fallback.
// Requests to other origins are never made by the app and are not handled here.
const BUILD = 'dev';
const CACHE = `kkpham-${BUILD}`;
const SHELL = [
  './',
  'index.html',
  'style.css',
  'screens.css',
  'print.css',
  'manifest.webmanifest',
  'app.js',
  'engine/kkpham-api.js',
  'engine/compare-worker.js',
  'engine/file-texts.js',
  'state/assessment.js',
  'state/compare-files.js',
  'state/db.js',
  'state/file-kind.js',
  'state/guard.js',
  'state/io.js',
  'state/migrate-v1.js',
  'state/navigation.js',
  'state/offices.js',
  'state/offices-files.js',
  'state/offices-json.js',
  'state/offices-scope.js',
  'state/offices-work.js',
  'state/office-mode.js',
  'state/paths.js',
  'state/plain-path.js',
  'state/store.js',
  'state/package.js',
  'state/verify.js',
  'views/alerts.js',
  'views/start.js',
  'views/start/import.js',
  'views/start/kanwil.js',
  'views/fill/fill.js',
  'views/fill/score-panel.js',
  'views/fill/details.js',
  'views/fill/finder.js',
  'views/fill/number-field.js',
  'views/fill/offices.js',
  'views/fill/sheet-style.js',
  'views/fill/worksheet.js',
  'views/report.js',
  'views/gap.js',
  'views/plan.js',
  'views/workshop.js',
  'views/compare.js',
  'views/package.js',
  'views/verify.js',
  'views/evidence.js',
  'views/yoy.js',
  'views/offices/offices.js',
  'views/offices/merge.js',
  'views/offices/questionnaire.js',
  'ui/dom.js',
  'ui/format.js',
  'ui/gate.js',
  'ui/i18n.js',
  'ui/screen-sheets.js',
  'ui/widgets.js',
  'vendor/idb/index.js',
  'formats/sha256.js',
  'formats/hash-worker.js',
  'formats/zip-read.js',
  'formats/zip-write.js',
  // Excel workbooks (loaded only when one is made or read): the adapter is small; ExcelJS is ON_USE.
  'formats/workbook.js',
  'state/workbooks.js',
  'state/evidence-files.js',
  'kkpham-core.mjs',
  'kkpham-core.wasm',
  'i18n/id.start.json',
  'i18n/id.rest.json',
  'i18n/en.start.json',
  'i18n/en.rest.json',
  'criteria/index.json',
  'criteria/kkpham-22-2021.json',
];
const ON_USE = [
  'vendor/exceljs/exceljs.min.js',
  'vendor/@zip.js/zip.js/zip-core-external.min.js',
  'vendor/hash-wasm/index.esm.min.js',
];
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The ON_USE libraries an earlier worker had cached (the user used their feature): fetched
    // again now, so they stay available offline under the new cache.
    const used = [];
    for (const path of ON_USE) if (await caches.match(path)) used.push(path);
    // One by one: a missing optional file must not stop the others from being cached.
    await Promise.all([...SHELL, ...used].map(async (path) => {
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

let cachePromise = null;
function openCache() {
  cachePromise ??= caches.open(CACHE);
  return cachePromise;
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await openCache();
    // An unstamped worker ('dev': web/ served as it is) always asks the network first.
    // The exact URL first: that is a keyed look-up, while ignoreSearch makes the cache read every
    // entry; a start URL with a query (index.html?…) still finds the shell through the second.
    if (BUILD !== 'dev') {
      const hit = (await cache.match(req)) ?? (url.search ? await cache.match(req, { ignoreSearch: true }) : undefined);
      if (hit) return hit;
    }
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
