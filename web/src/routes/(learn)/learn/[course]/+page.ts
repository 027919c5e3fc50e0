import { loadLearnerCourse } from '$lib/player/content/load-learner-course.ts';
import { readProgress } from '$lib/player/progress/progress-store.ts';

import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ fetch, params }) => {
  const { entry, course } = await loadLearnerCourse(fetch, params.course);
  return { entry, course, progress: readProgress(course.id) };
};
