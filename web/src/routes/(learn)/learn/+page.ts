import { loadCatalogue } from '$lib/player/content/load-content.ts';

import type { PageLoad } from './$types';

// The catalogue comes from the content built with the app; read in the browser (no prerender).
export const prerender = false;

export const load: PageLoad = async ({ fetch }) => {
  try {
    return { catalogue: await loadCatalogue(fetch) };
  } catch {
    return { catalogue: undefined };
  }
};
