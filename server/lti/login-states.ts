import { createHash } from 'node:crypto';

import { eq, lt, sql } from 'drizzle-orm';

import { LtiError } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { ltiLoginStates, ltiUsedNonces } from '../db/schema.ts';
import type { PlatformRecord } from './platform-records.ts';
import { selectPreparedRows } from '../db/prepared-rows.ts';

/** Time from the login redirect to the launch POST; a person may have to sign in at the LMS. */
export const LOGIN_STATE_LIFETIME_MS = 10 * 60 * 1000;

export function hashValue(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export interface NewLoginState {
  state: string;
  nonce: string;
  targetLinkUri: string;
  /** `lti_deployment_id` of the login request, when sent (must match the id_token's). */
  loginDeploymentId: string | null;
  storageTarget: string | null;
  browserBindingHash: string;
  loginParameters: Record<string, string>;
}

/** What a login needs of the platform to build the authentication request. */
export type LoginPlatform = Pick<PlatformRecord, 'id' | 'clientId' | 'authUrl'>;

/**
 * Finds the active platform a login names (LTI Core 1.3 §4.1: `iss`, and `client_id` when the
 * issuer has several registrations with the tool) and stores the login state for it, in one
 * statement: the platform is read fresh on every login (no cache, so a platform disabled by any
 * instance is refused at once) for the price of one round trip. An unknown issuer is refused
 * before any redirect, and no state is stored for it.
 */
export async function saveLoginState(
  db: Database,
  login: { issuer: string; clientId: string | undefined },
  loginState: NewLoginState,
): Promise<LoginPlatform> {
  const rows = await selectPreparedRows<LoginPlatform>(
    db,
    'save_login_state',
    ['id', 'clientId', 'authUrl'],
    sql`with candidates as (
      select id, client_id, auth_url from platforms
      where issuer = ${login.issuer} and status = 'active' and (${login.clientId ?? null}::text is null or client_id = ${login.clientId ?? null}::text)
      limit 2
    ), relaxed_durability as (
      -- A state lost in a crash only fails its launch (the learner opens the activity again), so
      -- this commit need not wait for the WAL flush; the launch's own writes keep waiting for it.
      select set_config('synchronous_commit', 'off', true)
    ), saved as (
      insert into lti_login_states (state_hash, nonce, platform_id, target_link_uri, login_deployment_id, storage_target, browser_binding_hash, login_parameters, expires_at)
      select ${hashValue(loginState.state)}, ${loginState.nonce}, id, ${loginState.targetLinkUri}, ${loginState.loginDeploymentId}::text,
        ${loginState.storageTarget}::text, ${loginState.browserBindingHash}, ${JSON.stringify(loginState.loginParameters)}::jsonb,
        now() + ${LOGIN_STATE_LIFETIME_MS}::integer * interval '1 millisecond'
      from candidates, relaxed_durability where (select count(*) from candidates) = 1
    )
    select id, client_id, auth_url from candidates`,
  );
  const platform = rows[0];
  if (platform === undefined) throw new LtiError('issuer_unknown', `no active platform for ${login.issuer}`);
  if (rows.length > 1) throw new LtiError('login_request_invalid', 'several registrations for this issuer: client_id is required');
  return platform;
}

/** The platform of a login state, as it is now (it may have been disabled since the login). */
export type LaunchPlatform = Pick<PlatformRecord, 'id' | 'issuer' | 'clientId' | 'jwksUrl' | 'authUrl' | 'status' | 'isNalas' | 'organisationId'> & {
  deploymentIds: string[];
};

/** A stored login state as the launch reads it: what the login saved (the state itself only hashed). */
export interface LoginState extends Omit<NewLoginState, 'state'> {
  /** Undefined when the platform was removed since the login. */
  platform: LaunchPlatform | undefined;
}

type LoginStateRow = Omit<LoginState, 'platform'> & {
  platformId: string;
  issuer: string | null;
  clientId: string | null;
  jwksUrl: string | null;
  authUrl: string | null;
  status: string | null;
  isNalas: boolean | null;
  organisationId: string | null;
  deploymentIds: string[];
};

/** In the order of the select list of `readLoginState`. */
const LOGIN_STATE_COLUMNS = [
  'nonce',
  'targetLinkUri',
  'loginDeploymentId',
  'storageTarget',
  'browserBindingHash',
  'loginParameters',
  'platformId',
  'issuer',
  'clientId',
  'jwksUrl',
  'authUrl',
  'status',
  'isNalas',
  'organisationId',
  'deploymentIds',
] as const satisfies ReadonlyArray<keyof LoginStateRow>;

/**
 * A live login state with its platform and deployments as they are now, in one read: all a
 * launch needs before verification. Reading does not use the state up: the launch's record
 * deletes it in the statement that writes the launch (`recordLaunch`), and a refused launch
 * deletes it at once (`deleteLoginState`), so a state serves exactly one launch.
 */
export async function readLoginState(db: Database, state: string): Promise<LoginState | undefined> {
  const rows = await selectPreparedRows<LoginStateRow>(
    db,
    'read_login_state',
    LOGIN_STATE_COLUMNS,
    sql`select s.nonce, s.target_link_uri, s.login_deployment_id, s.storage_target, s.browser_binding_hash, s.login_parameters, s.platform_id,
      p.issuer, p.client_id, p.jwks_url, p.auth_url, p.status, p.is_nalas, p.organisation_id,
      coalesce((select jsonb_agg(d.deployment_id) from deployments d where d.platform_id = s.platform_id), '[]'::jsonb)
    from lti_login_states s left join platforms p on p.id = s.platform_id
    where s.state_hash = ${hashValue(state)} and s.expires_at > now()`,
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const { platformId, issuer, clientId, jwksUrl, authUrl, status, isNalas, organisationId, deploymentIds, ...loginState } = row;
  const isPlatformPresent = issuer !== null && clientId !== null && jwksUrl !== null && authUrl !== null && status !== null;
  const platform = isPlatformPresent ? { id: platformId, issuer, clientId, jwksUrl, authUrl, status, isNalas: isNalas === true, organisationId, deploymentIds } : undefined;
  return { ...loginState, platform };
}

/** Uses a state up without a launch: it was refused, or must be restarted in a new window. */
export async function deleteLoginState(db: Database, state: string): Promise<void> {
  await db.delete(ltiLoginStates).where(eq(ltiLoginStates.stateHash, hashValue(state)));
}

/** Removes login states and nonces that can no longer be used. */
export async function purgeExpiredLoginRecords(db: Database, now = new Date()): Promise<void> {
  await db.delete(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, now));
  await db.delete(ltiUsedNonces).where(lt(ltiUsedNonces.expiresAt, now));
}
