import adminMessages from 'virtual:message-tables/admin';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';

import type { LayoutLoad } from './$types';

// The administration face's messages (message-table-names.ts), in the tab's language.
export const load: LayoutLoad = async () => {
  await loadMessageTable(adminMessages);
};
