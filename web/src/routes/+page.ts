import landingMessages from 'virtual:message-tables/landing';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';

import type { PageLoad } from './$types';

// The landing page's messages (message-table-names.ts), in the tab's language.
export const load: PageLoad = async () => {
  await loadMessageTable(landingMessages);
};
