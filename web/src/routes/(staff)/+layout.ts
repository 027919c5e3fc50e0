import staffMessages from 'virtual:message-tables/staff';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';

import type { LayoutLoad } from './$types';

// The staff face's messages (message-table-names.ts), in the tab's language.
export const load: LayoutLoad = async () => {
  await loadMessageTable(staffMessages);
};
