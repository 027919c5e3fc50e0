import { seedOf } from './load-interaction.ts';

/** The shuffle of an interaction's items is fixed per interaction, so it looks the same on return. */
export function loadInteractionSeed(interactionId: string): number {
  return seedOf(interactionId);
}
