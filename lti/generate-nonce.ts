import { randomBytes } from 'node:crypto';

/**
 * 32 random bytes = 256 bits, well above the 128 bits an OIDC nonce needs to be unguessable.
 * (A launch's state and nonce are sealed and derived by the adapter, server/lti/login-states.ts.)
 */
export const NONCE_RANDOM_BYTES = 32;

/** A nonce for a message the tool signs (e.g. a deep linking response). */
export function generateNonce(): string {
  return randomBytes(NONCE_RANDOM_BYTES).toString('base64url');
}
