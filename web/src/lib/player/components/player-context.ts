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

/**
 * The context reads the course through a getter: the same page component shows the next lesson
 * or another language without being created again.
 */
export function createPlayerContext(getCourse: () => Course, getHasSourcesOnPage: () => boolean = () => false): PlayerContext {
  return {
    get course() {
      return getCourse();
    },
    get glossary() {
      return new Map(getCourse().glossary.map((entry) => [entry.id, entry]));
    },
    get sourceNumbers() {
      return new Map(getCourse().sources.map((source, index) => [source.id, index + 1]));
    },
    get hasSourcesOnPage() {
      return getHasSourcesOnPage();
    },
    mediaUrl: (source) => mediaUrl(getCourse().id, source),
    sourceHref: (sourceId) => `${getHasSourcesOnPage() ? '' : `/learn/${encodeURIComponent(getCourse().id)}/sources`}#source-${encodeURIComponent(sourceId)}`,
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
