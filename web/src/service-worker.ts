/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';

/**
 * Keeps the player working on a dropped connection: the app shell (hashed build files and static
 * files) is cached at install; course content (/content/…) is fetched from the network first and
 * kept, so every lesson a learner opened — and the rest of the module, which the lesson page
 * prefetches — stays readable offline. The API, the LRS and LTI are never cached: statements
 * wait in the page's IndexedDB outbox instead.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `shell-${version}`;
const CONTENT_CACHE = 'content-v1';
/** The SPA fallback page opens any route offline (the server serves it for unknown paths). */
const FALLBACK_PAGE = '/200.html';
const SHELL = [...build, ...files, ...prerendered, FALLBACK_PAGE];
const NEVER_CACHED = ['/api/', '/xapi', '/lti/', '/healthz', '/admin'];

worker.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('shell-') && key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Vary (Accept-Encoding of a pre-compressed file) must not hide a copy made for the same URL.
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached !== undefined) return cached;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
    return;
  }
  if (url.pathname.startsWith('/content/')) {
    event.respondWith(networkFirst(request, CONTENT_CACHE));
    return;
  }
  // Pages: the network, else the SPA fallback from the shell so a reload offline still opens.
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match(FALLBACK_PAGE)) ?? Response.error()));
  }
});
