import commonMessages from 'virtual:message-tables/common';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';
import '$lib/i18n/ui-locale.svelte.ts'; // the tab's language is known before the table is loaded

import type { LayoutLoad } from './$types';

// Every page is prerendered into the static build; unknown paths fall back to 200.html (SPA).
export const prerender = true;
export const trailingSlash = 'never';

// The messages every page may show, in the tab's language, before anything renders.
export const load: LayoutLoad = async () => {
  await loadMessageTable(commonMessages);
};
