import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

import { AppError } from '../errors.ts';

/**
 * Memory-hard password hashing with Node's scrypt (no native addon). Parameters follow OWASP's
 * scrypt guidance (N=2^17, r=8, p=1: 128 MiB per hash); they are stored with each hash so they
 * can be raised later without breaking existing accounts.
 */
const SCRYPT_COST = 2 ** 17;
const SCRYPT_BLOCK_SIZE = 8;
const SCRYPT_PARALLELISM = 1;
const SCRYPT_KEY_LENGTH_BYTES = 32;
const SALT_LENGTH_BYTES = 16;
export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 256;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? SCRYPT_COST) * (options.r ?? SCRYPT_BLOCK_SIZE);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

export function checkPasswordStrength(password: string): void {
  if (password.length < PASSWORD_LENGTH_MIN) {
    throw new AppError('bad_request', `The password must have at least ${PASSWORD_LENGTH_MIN} characters.`);
  }
  if (password.length > PASSWORD_LENGTH_MAX) {
    throw new AppError('bad_request', `The password must have at most ${PASSWORD_LENGTH_MAX} characters.`);
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH_BYTES);
  const options = { N: SCRYPT_COST, r: SCRYPT_BLOCK_SIZE, p: SCRYPT_PARALLELISM };
  const key = await derive(password, salt, options, SCRYPT_KEY_LENGTH_BYTES);
  return ['scrypt', options.N, options.r, options.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  if (password.length > PASSWORD_LENGTH_MAX) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const options = { N: Number(cost), r: Number(blockSize), p: Number(parallelism) };
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), options, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs the same as against a real one. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}
