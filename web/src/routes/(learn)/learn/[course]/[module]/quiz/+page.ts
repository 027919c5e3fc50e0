import { error } from '@sveltejs/kit';
import quizMessages from 'virtual:message-tables/quiz';

import { loadMessageTable } from '$lib/i18n/message-tables.ts';
import { findModule, loadBank } from '$lib/player/content/load-content.ts';
import { loadLearnerCourse } from '$lib/player/content/load-learner-course.ts';

import type { PageLoad } from './$types';

export const prerender = false;

async function loadQuiz(fetch: typeof globalThis.fetch, courseId: string, moduleId: string) {
  const { course } = await loadLearnerCourse(fetch, courseId);
  const module = findModule(course, moduleId);
  if (module.quiz === undefined) error(404, 'not found');
  const bank = await loadBank(fetch, course, module.quiz.bankId);
  return { course, module, quiz: module.quiz, bank };
}

// The quiz's own messages (message-table-names.ts) load beside the course and the bank.
export const load: PageLoad = async ({ fetch, params }) => {
  const [quiz] = await Promise.all([loadQuiz(fetch, params.course, params.module), loadMessageTable(quizMessages)]);
  return quiz;
};
