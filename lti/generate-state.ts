import { randomBytes } from 'node:crypto';

/**
 * 32 random bytes = 256 bits, well above the 128 bits OIDC state and nonce need to be
 * unguessable (Security Framework §5.1.1.2: the nonce prevents replay, the state binds the
 * response to this browser's login request).
 */
export const STATE_RANDOM_BYTES = 32;

/** The OIDC `state`: binds the authentication response to the browser that started the login. */
export function generateState(): string {
  return randomBytes(STATE_RANDOM_BYTES).toString('base64url');
}

/** The OIDC `nonce`: the platform copies it into the id_token; the tool accepts it once. */
export function generateNonce(): string {
  return randomBytes(STATE_RANDOM_BYTES).toString('base64url');
}
