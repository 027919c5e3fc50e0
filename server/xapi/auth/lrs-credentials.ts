import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import { and, eq, isNull } from 'drizzle-orm';

import type { Database } from '../../db/index.ts';
import { lrsCredentials } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/** The xAPI scopes a credential may hold (xAPI Communication §4.2 OAuth scopes). */
export const LRS_SCOPES = ['all', 'all/read', 'statements/write', 'statements/read', 'statements/read/mine', 'state', 'define', 'profile'] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];

/**
 * Secrets are checked with scrypt (cost 2^14: an operator-chosen seed secret may be weak), and a
 * verified secret is remembered as a SHA-256 digest for a minute, so a busy client is not slowed
 * by a memory-hard hash on every request. Disabling a credential takes effect within that minute.
 */
const SCRYPT_COST = 2 ** 14;
const SCRYPT_KEY_BYTES = 32;
export const VERIFIED_SECRET_CACHE_MS = 60_000;
const VERIFIED_SECRET_CACHE_ENTRIES_MAX = 10_000;
const KEY_BYTES = 15;
const SECRET_BYTES = 32;

export interface LrsCredential {
  id: string;
  key: string;
  name: string;
  organisationId: string | null;
  scopes: LrsScope[];
}

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, SCRYPT_KEY_BYTES, { N: SCRYPT_COST, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) => (error === null ? resolve(key) : reject(error))),
  );
}

async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${SCRYPT_COST}$${salt.toString('base64url')}$${(await derive(secret, salt)).toString('base64url')}`;
}

async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, , saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await derive(secret, Buffer.from(saltText, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const columns = { id: lrsCredentials.id, key: lrsCredentials.key, name: lrsCredentials.name, organisationId: lrsCredentials.organisationId, scopes: lrsCredentials.scopes };

/** Creates a credential; the secret is returned here once and never again. */
export async function createLrsCredential(
  db: Database,
  input: { name: string; organisationId: string | null; scopes: LrsScope[]; createdBy: string | null },
): Promise<{ credential: LrsCredential; secret: string }> {
  const key = randomBytes(KEY_BYTES).toString('base64url');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const [row] = await db.insert(lrsCredentials).values({ ...input, key, secretHash: await hashSecret(secret) }).returning(columns);
  if (row === undefined) throw new Error('credential insert returned nothing');
  return { credential: row as LrsCredential, secret };
}

/** The credential from LRS_API_KEY / LRS_API_SECRET: full access, tool-wide; its secret follows the environment. */
export async function seedLrsCredential(db: Database, key: string, secret: string): Promise<void> {
  const secretHash = await hashSecret(secret);
  await db
    .insert(lrsCredentials)
    .values({ key, secretHash, name: 'Seeded from LRS_API_KEY', organisationId: null, scopes: ['all'] })
    .onConflictDoUpdate({ target: lrsCredentials.key, set: { secretHash, scopes: ['all'], organisationId: null, disabledAt: null } });
}

export async function listLrsCredentials(db: Database): Promise<LrsCredential[]> {
  return (await db.select(columns).from(lrsCredentials).where(isNull(lrsCredentials.disabledAt))) as LrsCredential[];
}

export async function disableLrsCredential(db: Database, id: string): Promise<void> {
  const rows = await db.update(lrsCredentials).set({ disabledAt: new Date() }).where(eq(lrsCredentials.id, id)).returning({ id: lrsCredentials.id });
  if (rows.length === 0) throw new AppError('not_found', 'No such credential.');
}

const verified = new Map<string, { digest: Buffer; credential: LrsCredential; expiresAtMs: number }>();

/** Checks `key:secret` of a Basic Authorization header; undefined when they do not match an active credential. */
export async function authenticateLrsCredential(db: Database, key: string, secret: string): Promise<LrsCredential | undefined> {
  const digest = createHash('sha256').update(secret).digest();
  const cached = verified.get(key);
  if (cached !== undefined && cached.expiresAtMs > Date.now() && timingSafeEqual(cached.digest, digest)) return cached.credential;
  const rows = await db
    .select({ ...columns, secretHash: lrsCredentials.secretHash })
    .from(lrsCredentials)
    .where(and(eq(lrsCredentials.key, key), isNull(lrsCredentials.disabledAt)))
    .limit(1);
  const row = rows[0];
  if (row === undefined || !(await verifySecret(secret, row.secretHash))) return undefined;
  const { secretHash: _secretHash, ...credential } = row;
  if (verified.size >= VERIFIED_SECRET_CACHE_ENTRIES_MAX) verified.clear();
  verified.set(key, { digest, credential: credential as LrsCredential, expiresAtMs: Date.now() + VERIFIED_SECRET_CACHE_MS });
  return credential as LrsCredential;
}
