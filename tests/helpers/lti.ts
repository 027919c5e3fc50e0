import type { Database } from '../../server/db/index.ts';
import { savePlatform } from '../../server/lti/save-platform.ts';
import type { PlatformSimulator } from '../platform-simulator/index.ts';

/** Registers the simulated platform with the tool by hand, as an administrator would. */
export async function registerSimulatedPlatform(db: Database, simulator: PlatformSimulator): Promise<void> {
  const configuration = (await (await fetch(simulator.endpoints.openidConfiguration)).json()) as Record<string, string>;
  await savePlatform(db, {
    issuer: simulator.issuer,
    clientId: simulator.clientId,
    name: 'Simulated Moodle',
    authUrl: String(configuration.authorization_endpoint),
    tokenUrl: String(configuration.token_endpoint),
    jwksUrl: String(configuration.jwks_uri),
    tokenAudience: null,
    organisationId: null,
    isNalas: false,
    registrationMethod: 'manual',
    productFamilyCode: 'moodle',
    registration: null,
    deploymentIds: simulator.deploymentIds,
  });
}
