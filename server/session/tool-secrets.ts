import { randomBytes } from 'node:crypto';

import { eq } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { toolSecrets } from '../db/schema.ts';

const SECRET_LENGTH_BYTES = 48;

/**
 * A secret the tool made for itself, created on first use and shared by every instance on the
 * database (so a token signed by one instance verifies on another). Never logged, never in web/.
 */
export async function ensureToolSecret(db: Database, name: string): Promise<string> {
  await db
    .insert(toolSecrets)
    .values({ name, value: randomBytes(SECRET_LENGTH_BYTES).toString('base64url') })
    .onConflictDoNothing();
  const rows = await db.select({ value: toolSecrets.value }).from(toolSecrets).where(eq(toolSecrets.name, name)).limit(1);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`tool secret ${name} missing after insert`);
  return value;
}
