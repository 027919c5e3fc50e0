import { and, eq } from 'drizzle-orm';

import { LtiError } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { deployments, platforms } from '../db/schema.ts';

export type PlatformRecord = typeof platforms.$inferSelect;

/**
 * The active platform a login names (LTI Core 1.3 §4.1: `iss`, and `client_id` when the issuer
 * has several registrations with the tool). An unknown issuer is refused before any redirect.
 */
export async function findPlatformForLogin(db: Database, issuer: string, clientId: string | undefined): Promise<PlatformRecord> {
  const conditions = [eq(platforms.issuer, issuer), eq(platforms.status, 'active')];
  if (clientId !== undefined) conditions.push(eq(platforms.clientId, clientId));
  const rows = await db.select().from(platforms).where(and(...conditions)).limit(2);
  if (rows.length === 0) throw new LtiError('issuer_unknown', `no active platform for ${issuer}`);
  if (rows.length > 1) throw new LtiError('login_request_invalid', 'several registrations for this issuer: client_id is required');
  return rows[0] as PlatformRecord;
}

export async function findPlatformById(db: Database, platformId: string): Promise<PlatformRecord | undefined> {
  const rows = await db.select().from(platforms).where(eq(platforms.id, platformId)).limit(1);
  return rows[0];
}

export async function listDeploymentIds(db: Database, platformId: string): Promise<string[]> {
  const rows = await db.select({ deploymentId: deployments.deploymentId }).from(deployments).where(eq(deployments.platformId, platformId));
  return rows.map((row) => row.deploymentId);
}
