import trainerMessages from 'virtual:message-tables/trainer';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';

import type { LayoutLoad } from './$types';

// The trainer face's messages, deep linking's too (message-table-names.ts), in the tab's language.
export const load: LayoutLoad = async () => {
  await loadMessageTable(trainerMessages);
};
