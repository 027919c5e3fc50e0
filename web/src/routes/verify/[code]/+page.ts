import verifyMessages from 'virtual:message-tables/verify';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';

import type { PageLoad } from './$types';

// A certificate's code is only known at run time: served through the SPA fallback.
export const prerender = false;

// The verification page's messages (message-table-names.ts), in the tab's language.
export const load: PageLoad = async () => {
  await loadMessageTable(verifyMessages);
};
