import type { ClientInit } from '@sveltejs/kit';

/**
 * Registers the service worker (web/src/service-worker.ts) that keeps the app shell and the
 * module being taken available offline. Inside an LMS iframe the browser may refuse a worker
 * (blocked third-party storage); the player then simply works online, so a refusal is ignored.
 */
export const init: ClientInit = () => {
  try {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/service-worker.js').catch(() => undefined);
  } catch {
    // Refused synchronously in some frames: nothing to do.
  }
};
