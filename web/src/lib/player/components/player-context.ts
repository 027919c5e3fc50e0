import { getContext, setContext } from 'svelte';

import type { Course, GlossaryEntry } from '../content/course-types.ts';
import { mediaUrl } from '../content/load-content.ts';

/** What the block renderer needs from the course, wherever it is nested. */
export interface PlayerContext {
  course: Course;
  glossary: Map<string, GlossaryEntry>;
  /** 1-based number of each source, as listed on the sources list. */
  sourceNumbers: Map<string, number>;
  /** Whether the page shows the sources list itself (then citations link within the page). */
  hasSourcesOnPage: boolean;
  mediaUrl(source: string): string;
  sourceHref(sourceId: string): string;
}

const KEY = Symbol('player');

export function createPlayerContext(course: Course, hasSourcesOnPage: boolean): PlayerContext {
  return {
    course,
    glossary: new Map(course.glossary.map((entry) => [entry.id, entry])),
    sourceNumbers: new Map(course.sources.map((source, index) => [source.id, index + 1])),
    hasSourcesOnPage,
    mediaUrl: (source) => mediaUrl(course.id, source),
    sourceHref: (sourceId) => `${hasSourcesOnPage ? '' : `/learn/${encodeURIComponent(course.id)}/sources`}#source-${encodeURIComponent(sourceId)}`,
  };
}

export function setPlayerContext(context: PlayerContext): void {
  setContext(KEY, context);
}

export function getPlayerContext(): PlayerContext {
  const context = getContext<PlayerContext | undefined>(KEY);
  if (context === undefined) throw new Error('player components need setPlayerContext() in an ancestor');
  return context;
}
