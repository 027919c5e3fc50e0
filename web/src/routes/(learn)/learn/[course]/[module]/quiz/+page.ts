import { error } from '@sveltejs/kit';

import { findModule, loadBank } from '$lib/player/content/load-content.ts';
import { loadLearnerCourse } from '$lib/player/content/load-learner-course.ts';

import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ fetch, params }) => {
  const { course } = await loadLearnerCourse(fetch, params.course);
  const module = findModule(course, params.module);
  if (module.quiz === undefined) error(404, 'not found');
  const bank = await loadBank(fetch, course, module.quiz.bankId);
  return { course, module, quiz: module.quiz, bank };
};
