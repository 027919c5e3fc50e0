import { eq } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { platforms } from '../db/schema.ts';

export type PlatformRecord = typeof platforms.$inferSelect;

export async function findPlatformById(db: Database, platformId: string): Promise<PlatformRecord | undefined> {
  const rows = await db.select().from(platforms).where(eq(platforms.id, platformId)).limit(1);
  return rows[0];
}
