import { eq } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { platforms } from '../db/schema.ts';

/**
 * Origins allowed to frame the tool: those of every active platform's issuer and authorisation
 * endpoint (an LMS may serve its pages from either).
 */
export async function listPlatformOrigins(db: Database): Promise<string[]> {
  const rows = await db
    .select({ issuer: platforms.issuer, authUrl: platforms.authUrl })
    .from(platforms)
    .where(eq(platforms.status, 'active'));
  const origins = new Set<string>();
  for (const row of rows) {
    for (const url of [row.issuer, row.authUrl]) {
      const origin = originOf(url);
      if (origin !== undefined) origins.add(origin);
    }
  }
  return [...origins].sort();
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
