import { error } from '@sveltejs/kit';

import { findModule, listLessons, loadLesson } from '$lib/player/content/load-content.ts';
import { loadLearnerCourse } from '$lib/player/content/load-learner-course.ts';

import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ fetch, params }) => {
  const { course } = await loadLearnerCourse(fetch, params.course);
  const module = findModule(course, params.module);
  const lessonRef = module.lessons.find((candidate) => candidate.id === params.lesson);
  if (lessonRef === undefined) error(404, 'not found');
  const lesson = await loadLesson(fetch, course, lessonRef);
  const places = listLessons(course);
  const index = places.findIndex((place) => place.module.id === module.id && place.lesson.id === lessonRef.id);
  return { course, module, lessonRef, lesson, index, count: places.length, previous: places[index - 1], next: places[index + 1] };
};
