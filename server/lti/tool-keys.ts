import { and, eq, gt, inArray, or } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';

import type { Database } from '../db/index.ts';
import { toolKeys } from '../db/schema.ts';

const KEY_ALGORITHM = 'RS256';
const RSA_MODULUS_LENGTH_BITS = 2048;
/** A retired key stays in the JWKS this long, so tokens it signed just before can still be verified. */
export const RETIRED_KEY_PUBLISHED_MS = 24 * 60 * 60 * 1000;

export interface ToolPublicJwk extends JWK {
  kid: string;
  alg: typeof KEY_ALGORITHM;
  use: 'sig';
}

/** Generates an RSA key pair whose kid is its RFC 7638 thumbprint. */
export async function generateToolKey(): Promise<{ kid: string; publicJwk: ToolPublicJwk; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair(KEY_ALGORITHM, {
    modulusLength: RSA_MODULUS_LENGTH_BITS,
    extractable: true,
  });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return {
    kid,
    publicJwk: { ...jwk, kid, alg: KEY_ALGORITHM, use: 'sig' },
    privateKeyPem: await exportPKCS8(privateKey),
  };
}

/**
 * Makes sure a current signing key exists, generating one on first start. Two instances starting
 * together on one database both try; the partial unique index lets exactly one win.
 */
export async function ensureToolKeys(db: Database): Promise<{ kid: string; isNew: boolean }> {
  const existing = await readCurrentKid(db);
  if (existing !== undefined) return { kid: existing, isNew: false };
  const key = await generateToolKey();
  const inserted = await db
    .insert(toolKeys)
    .values({ ...key, status: 'current', activatedAt: new Date() })
    .onConflictDoNothing()
    .returning({ kid: toolKeys.kid });
  if (inserted.length === 1) return { kid: key.kid, isNew: true };
  const winner = await readCurrentKid(db);
  if (winner === undefined) throw new Error('No current tool key after a concurrent insert');
  return { kid: winner, isNew: false };
}

async function readCurrentKid(db: Database): Promise<string | undefined> {
  const rows = await db.select({ kid: toolKeys.kid }).from(toolKeys).where(eq(toolKeys.status, 'current')).limit(1);
  return rows[0]?.kid;
}

/** The public keys platforms may see: current, next (published before it signs), recently retired. */
export async function listPublishedKeys(db: Database, now = new Date()): Promise<ToolPublicJwk[]> {
  const retiredSince = new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS);
  const rows = await db
    .select({ publicJwk: toolKeys.publicJwk })
    .from(toolKeys)
    .where(
      or(
        inArray(toolKeys.status, ['current', 'next']),
        and(eq(toolKeys.status, 'retired'), gt(toolKeys.retiredAt, retiredSince)),
      ),
    )
    .orderBy(toolKeys.createdAt);
  return rows.map((row) => row.publicJwk as ToolPublicJwk);
}
