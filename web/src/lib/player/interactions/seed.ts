/** The shuffle of an interaction's items is fixed per interaction, so it looks the same on return. */
export function loadInteractionSeed(interactionId: string): number {
  return seedOf(interactionId);
}

/** A stable pseudo-random seed from a string (FNV-1a), e.g. to shuffle an interaction's items. */
export function seedOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
