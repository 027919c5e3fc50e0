import { eq } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { deployments, platforms } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export interface PlatformInput {
  issuer: string;
  clientId: string;
  name: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  tokenAudience: string | null;
  organisationId: string | null;
  isNalas: boolean;
  registrationMethod: 'dynamic' | 'manual';
  productFamilyCode: string | null;
  registration: unknown;
  deploymentIds: string[];
}

/** Creates a platform with its deployments; one registration per issuer + client_id. */
export async function savePlatform(db: Database, input: PlatformInput): Promise<{ id: string }> {
  const { deploymentIds, ...platform } = input;
  return db.transaction(async (transaction) => {
    const [row] = await transaction.insert(platforms).values(platform).onConflictDoNothing().returning({ id: platforms.id });
    if (row === undefined) {
      throw new AppError('conflict', `A platform with issuer ${input.issuer} and client_id ${input.clientId} is already registered.`);
    }
    if (deploymentIds.length > 0) {
      await transaction
        .insert(deployments)
        .values(deploymentIds.map((deploymentId) => ({ platformId: row.id, deploymentId })))
        .onConflictDoNothing();
    }
    return row;
  });
}

export async function addDeployment(db: Database, platformId: string, deploymentId: string): Promise<void> {
  const existing = await db.select({ id: platforms.id }).from(platforms).where(eq(platforms.id, platformId)).limit(1);
  if (existing.length === 0) throw new AppError('not_found', 'No such platform.');
  await db.insert(deployments).values({ platformId, deploymentId }).onConflictDoNothing();
}
