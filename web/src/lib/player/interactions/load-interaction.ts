import type { Component } from 'svelte';

import type { Block } from '../content/course-types.ts';

// One chunk per interaction type, loaded when a lesson shows one: the first screen carries none
// of them. The props of each component are narrower than `any`; the frame passes the right block.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;
type Loader = () => Promise<{ default: AnyComponent }>;

const LOADERS: Partial<Record<Block['type'], Loader>> = {
  mcq: () => import('./choice-question.svelte'),
  mrq: () => import('./choice-question.svelte'),
  truefalse: () => import('./true-false-question.svelte'),
  fill: () => import('./fill-question.svelte'),
  matching: () => import('./matching-question.svelte'),
  ordering: () => import('./ordering-question.svelte'),
  categorise: () => import('./categorise-question.svelte'),
  hotspot: () => import('./hotspot-question.svelte'),
  scenario: () => import('./branching-scenario.svelte'),
  reflection: () => import('./reflection-prompt.svelte'),
  socialmap: () => import('./social-map.svelte'),
  reveal: () => import('./reveal-panels.svelte'),
  steps: () => import('./step-through.svelte'),
  flashcards: () => import('./flash-cards.svelte'),
};

export function loadInteraction(type: Block['type']): Promise<{ default: AnyComponent }> {
  const loader = LOADERS[type];
  if (loader === undefined) return Promise.reject(new Error(`no component for block type ${type}`));
  return loader();
}

/**
 * Where the component of a block stands once asked for. The lesson's frames and the quiz keep it
 * as state rather than awaiting the promise in an `{#await}` block: Svelte's code for those
 * blocks would go into the app chunk that every page loads (vite.config.ts), for them alone.
 */
export type InteractionLoad = { status: 'loading' } | { status: 'ready'; component: AnyComponent } | { status: 'failed' };

/** Loads the component of `type` and reports each step of it. */
export function trackInteraction(type: Block['type'], report: (load: InteractionLoad) => void): void {
  report({ status: 'loading' });
  loadInteraction(type).then(
    (loaded) => report({ status: 'ready', component: loaded.default }),
    () => report({ status: 'failed' }),
  );
}
