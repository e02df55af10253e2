// The service worker: after one visit over http(s), the page and everything it loads work with no
// network. scripts/bundle.mjs writes dist/sw.js from this file, filling in the build's version and
// the files to keep (all content-hashed but the page itself).
const VERSION = '__VERSION__';
const PRECACHE = ['__PRECACHE__'];
const PREFIX = 'activation-derivations-';
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

// A new build's worker drops the caches of older builds.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page goes to the network first, so a new build shows at once; offline, the kept copy
    // answers whatever the query string (?fn=tanh&embed=1 is the same page).
    event.respondWith(fetch(request).catch(() => caches.match(request, { ignoreSearch: true })
      .then((kept) => kept ?? caches.match('./'))));
    return;
  }
  // Everything else is content-hashed: a kept copy is always right.
  event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
});
