import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

import type { Block } from '../content/course-types.ts';

/**
 * How far outside the viewport a block starts loading its component: one screen height (a
 * component is a chunk of one or two KB, there long before a scrolling learner reaches it),
 * while the first screen carries none of the code of the interactions further down.
 */
const NEAR_ROOT_MARGIN = '100% 0px';

/**
 * Calls `onNear` once, when the element comes within NEAR_ROOT_MARGIN of the viewport, when focus
 * moves into it (keyboard users may get there faster than a scroll), or when the URL fragment
 * points into it. Without IntersectionObserver (an old browser) at once.
 */
export function loadWhenNear(onNear: () => void): Attachment<HTMLElement> {
  // Untracked: what `onNear` reads (the block) must not re-run the attachment when it changes.
  return (element) => untrack(() => observeNear(element, onNear));
}

function observeNear(element: HTMLElement, onNear: () => void): (() => void) | undefined {
  if (typeof IntersectionObserver === 'undefined') {
    onNear();
    return undefined;
  }
  let isDone = false;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) near();
  }, { rootMargin: NEAR_ROOT_MARGIN });
  const onHashChange = () => {
    const target = fragmentTarget();
    if (target !== null && (element.contains(target) || target.contains(element))) near();
  };
  function near(): void {
    if (isDone) return;
    isDone = true;
    stop();
    onNear();
  }
  function stop(): void {
    observer.disconnect();
    element.removeEventListener('focusin', near);
    window.removeEventListener('hashchange', onHashChange);
  }
  observer.observe(element);
  element.addEventListener('focusin', near);
  window.addEventListener('hashchange', onHashChange);
  onHashChange();
  return stop;
}

function fragmentTarget(): HTMLElement | null {
  if (location.hash.length <= 1) return null;
  try {
    return document.getElementById(decodeURIComponent(location.hash.slice(1)));
  } catch {
    return null; // a malformed escape in the fragment names no element
  }
}

/** Rough block size of a component per item it shows, so a placeholder holds about its place. */
const ITEM_BLOCK_SIZE_REM = 2.5;

/**
 * The approximate height of an interaction's component before it is loaded: the placeholder
 * keeps the page from jumping under the reader (and under a screen reader's virtual cursor)
 * when the component replaces it.
 */
export function estimateBlockSize(block: Block): string {
  switch (block.type) {
    case 'mcq':
    case 'mrq':
      return `${block.choices.length * ITEM_BLOCK_SIZE_REM}rem`;
    case 'truefalse':
      return `${2 * ITEM_BLOCK_SIZE_REM}rem`;
    case 'fill':
      return '6rem';
    case 'matching':
      return `${block.pairs.length * 1.5 * ITEM_BLOCK_SIZE_REM}rem`;
    case 'ordering':
      return `${block.items.length * 1.5 * ITEM_BLOCK_SIZE_REM}rem`;
    case 'categorise':
      return `${(block.items.length + block.groups.length + 2) * ITEM_BLOCK_SIZE_REM}rem`;
    case 'socialmap':
      return `${block.groups.length * 8 * ITEM_BLOCK_SIZE_REM}rem`;
    case 'hotspot':
      return '20rem';
    case 'scenario':
    case 'reflection':
    case 'reveal':
    case 'steps':
    case 'flashcards':
      return '12rem';
    default:
      return '0';
  }
}
