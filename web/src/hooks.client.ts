import type { ClientInit } from '@sveltejs/kit';
import commonMessages from 'virtual:message-tables/common';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';
import '$lib/i18n/ui-locale.svelte.ts'; // the tab's language, for the messages below

/**
 * Starts loading the messages every page needs, beside the first page's code rather than after
 * it (the root layout's load waits for them, and reports a failure). Registers the service worker
 * (web/src/service-worker.ts) that keeps the app shell and the module being taken available
 * offline. Inside an LMS iframe the browser may refuse a worker (blocked third-party storage);
 * the player then simply works online, so a refusal is ignored.
 */
export const init: ClientInit = () => {
  void loadMessageTable(commonMessages).catch(() => undefined);
  try {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/service-worker.js').catch(() => undefined);
  } catch {
    // Refused synchronously in some frames: nothing to do.
  }
};
