import { PROGRESS_EXTENSION, VERBS } from '../../web/src/lib/player/xapi/statements.ts';
import { VOIDED_VERB_ID } from '../xapi/index.ts';

/**
 * The verbs of the course player's xAPI profile (docs/xapi-profile.md): the player builds its
 * statements with these, and the projections read them, so both come from one definition.
 */
export const VERB = { ...VERBS, voided: VOIDED_VERB_ID } as const;

export { PROGRESS_EXTENSION };
