import { readLaunchSession } from '$lib/api/client.ts';
import { getLocale } from '$lib/i18n/current-locale.svelte.ts';
import { pullRemoteProgress } from '$lib/player/progress/remote-progress.ts';

import type { CatalogueEntry, Course } from './course-types.ts';
import { chooseContentLocale, loadCatalogueEntry, loadCourse, readChosenContentLocale } from './load-content.ts';

/** The learner's preferred content languages, most wanted first. */
export function preferredContentLocales(): (string | undefined)[] {
  return [readChosenContentLocale(), readLaunchSession()?.session.locale, getLocale()];
}

/** The course in the language the learner reads best among those it has. */
export async function loadLearnerCourse(fetcher: typeof fetch, courseId: string): Promise<{ entry: CatalogueEntry; course: Course }> {
  const entry = await loadCatalogueEntry(fetcher, courseId);
  const [course] = await Promise.all([loadCourse(fetcher, courseId, chooseContentLocale(entry, preferredContentLocales())), pullRemoteProgress(courseId)]);
  return { entry, course };
}
