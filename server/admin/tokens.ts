import { createHash, randomBytes } from 'node:crypto';

const TOKEN_LENGTH_BYTES = 32;

/** A random one-time value for a URL or a cookie (256 bits, base64url). */
export function generateToken(): string {
  return randomBytes(TOKEN_LENGTH_BYTES).toString('base64url');
}

/** Only hashes of tokens are stored, so a database dump cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
