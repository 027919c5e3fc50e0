import { loadLearnerCourse } from '$lib/player/content/load-learner-course.ts';

import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ fetch, params }) => loadLearnerCourse(fetch, params.course);
