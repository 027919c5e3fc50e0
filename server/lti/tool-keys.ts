import { and, eq, gt, inArray, or } from 'drizzle-orm';

import { exportToolKeyPem, generateToolKey, importToolKey, type ToolKey, type ToolPublicJwk } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { toolKeys } from '../db/schema.ts';

/** A retired key stays in the JWKS this long, so tokens it signed just before can still be verified. */
export const RETIRED_KEY_PUBLISHED_MS = 24 * 60 * 60 * 1000;

async function insertKey(db: Database, status: 'current' | 'next'): Promise<string | undefined> {
  const key = await generateToolKey();
  const inserted = await db
    .insert(toolKeys)
    .values({
      kid: key.kid,
      status,
      publicJwk: key.publicJwk,
      privateKeyPem: await exportToolKeyPem(key),
      activatedAt: status === 'current' ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ kid: toolKeys.kid });
  return inserted[0]?.kid;
}

async function readKid(db: Database, status: 'current' | 'next'): Promise<string | undefined> {
  const rows = await db.select({ kid: toolKeys.kid }).from(toolKeys).where(eq(toolKeys.status, status)).limit(1);
  return rows[0]?.kid;
}

/**
 * Makes sure a current signing key exists, generating one on first start. Two instances starting
 * together on one database both try; the partial unique index lets exactly one win.
 */
export async function ensureToolKeys(db: Database): Promise<{ kid: string; isNew: boolean }> {
  const existing = await readKid(db, 'current');
  if (existing !== undefined) return { kid: existing, isNew: false };
  const inserted = await insertKey(db, 'current');
  if (inserted !== undefined) return { kid: inserted, isNew: true };
  const winner = await readKid(db, 'current');
  if (winner === undefined) throw new Error('No current tool key after a concurrent insert');
  return { kid: winner, isNew: false };
}

/** The key that signs now (deep linking responses, client assertions). */
export async function readSigningKey(db: Database): Promise<ToolKey> {
  const rows = await db.select({ privateKeyPem: toolKeys.privateKeyPem }).from(toolKeys).where(eq(toolKeys.status, 'current')).limit(1);
  const row = rows[0];
  if (row === undefined) throw new Error('No current tool key: ensureToolKeys runs at start');
  return importToolKey(row.privateKeyPem);
}

/**
 * Key rotation in two steps, so no platform ever sees a signature by a key it has not cached:
 * the first call publishes a `next` key (it does not sign yet); the next call, once platforms
 * had time to fetch the JWKS, makes it `current` and retires the old one.
 */
export async function rotateToolKeys(db: Database): Promise<{ step: 'published-next' | 'activated-next'; kid: string }> {
  const next = await readKid(db, 'next');
  if (next === undefined) {
    const kid = await insertKey(db, 'next');
    if (kid === undefined) throw new Error('could not publish a next key');
    return { step: 'published-next', kid };
  }
  await db.transaction(async (transaction) => {
    await transaction.update(toolKeys).set({ status: 'retired', retiredAt: new Date() }).where(eq(toolKeys.status, 'current'));
    await transaction.update(toolKeys).set({ status: 'current', activatedAt: new Date() }).where(eq(toolKeys.kid, next));
  });
  return { step: 'activated-next', kid: next };
}

/** The public keys platforms may see: current, next (published before it signs), recently retired. */
export async function listPublishedKeys(db: Database, now = new Date()): Promise<ToolPublicJwk[]> {
  const retiredSince = new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS);
  const rows = await db
    .select({ publicJwk: toolKeys.publicJwk })
    .from(toolKeys)
    .where(or(inArray(toolKeys.status, ['current', 'next']), and(eq(toolKeys.status, 'retired'), gt(toolKeys.retiredAt, retiredSince))))
    .orderBy(toolKeys.createdAt);
  return rows.map((row) => row.publicJwk as ToolPublicJwk);
}
