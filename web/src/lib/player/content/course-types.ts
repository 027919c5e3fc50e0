// The compiled course format, as the compiler defines it: the player renders exactly these types.
export type * from '../../../../../courses/compiler/types.ts';
export { LNOB_FACTORS } from '../../../../../courses/compiler/types.ts';
