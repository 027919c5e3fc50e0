import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

import { lt, sql, type SQL } from 'drizzle-orm';

import { LtiError } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { ltiUsedNonces } from '../db/schema.ts';
import { selectPreparedRows } from '../db/prepared-rows.ts';
import type { RotatingSecret } from '../session/tool-secrets.ts';

/** Time from the login redirect to the launch POST; a person may have to sign in at the LMS. */
export const LOGIN_STATE_LIFETIME_MS = 10 * 60 * 1000;
/** Random bytes that make each login state unique; its nonce and browser binding derive from them. */
const STATE_RANDOM_BYTES = 16;
/** A state longer than this is refused before it is opened; a login that would need a longer one is refused. */
export const LOGIN_STATE_CHARS_MAX = 8192;
/**
 * The login hints (kept to restart a launch in a new window) are left out of a state that would
 * grow longer than this with them: the state travels in the URL of the platform's authorisation
 * endpoint, and Canvas's lti_message_hint alone is a JWT of about 1 KB.
 */
const LOGIN_STATE_WITH_HINTS_CHARS_MAX = 4096;
/** Deployments carried in a state; a platform with more has its deployments read at the launch. */
const STATE_DEPLOYMENTS_MAX = 32;
/** Name of the tool secret the login-state keys derive from. */
export const LOGIN_STATE_SECRET_NAME = 'lti_login_state';
const STATE_FORMAT_VERSION = 1;
const SEAL_CIPHER = 'aes-256-gcm';
const SEAL_IV_BYTES = 12;
const SEAL_TAG_BYTES = 16;

export function hashValue(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** The platform registration a login chose, as it was at the login (the launch checks it is still so). */
export interface LaunchPlatform {
  id: string;
  issuer: string;
  clientId: string;
  jwksUrl: string;
  /** Origin of the platform's authorisation endpoint (platform storage answers from there). */
  authOrigin: string;
  isNalas: boolean;
  organisationId: string | null;
  /** Its deployments at the login; undefined when it had more than `STATE_DEPLOYMENTS_MAX`. */
  deploymentIds: string[] | undefined;
}

/** What a login hands to its launch through the state (LTI Core 1.3 §5.1.1). */
export interface LoginState {
  /** The random part; the nonce and the browser binding derive from it with the tool's key. */
  random: string;
  expiresAtMs: number;
  platform: LaunchPlatform;
  targetLinkUri: string;
  /** `lti_deployment_id` of the login request, when sent (must match the id_token's). */
  loginDeploymentId: string | undefined;
  storageTarget: string | undefined;
  /** The platform's hints, to restart the launch in a new window; absent when too long to carry. */
  hints: { loginHint: string; messageHint: string | undefined } | undefined;
}

/**
 * The keys of login states, derived from one tool secret shared by every instance: a login on
 * one instance launches on any other.
 */
export interface LoginStateKeys {
  seal: Buffer;
  nonce: Buffer;
  binding: Buffer;
}

export function deriveLoginStateKeys(secret: string): LoginStateKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, '', `lti login state ${purpose}`, 32));
  return { seal: derive('seal'), nonce: derive('nonce'), binding: derive('binding') };
}

/**
 * The login-state keys of an instance, from the tool secret `lti_login_state`: states are sealed
 * with the current secret's keys and opened with the current or, for a state's lifetime after an
 * administrator renewed the secret, the previous one's. A state that neither opens makes the
 * instance read the secret again (another instance may have renewed it) before it is refused.
 */
export class LoginStateKeyring {
  readonly #derived = new Map<string, LoginStateKeys>();

  constructor(readonly secret: RotatingSecret) {}

  /** The keys that seal new states. */
  get sealing(): LoginStateKeys {
    return this.#keysOf(this.secret.current);
  }

  /** The state a value carries and the keys that opened it (its nonce and binding derive from them). */
  open(value: string, nowMs = Date.now()): Promise<{ state: LoginState; keys: LoginStateKeys } | undefined> {
    return this.secret.findAccepted((accepted) => {
      for (const secret of accepted) {
        const keys = this.#keysOf(secret);
        const state = openLoginState(keys, value, nowMs);
        if (state !== undefined) return { state, keys };
      }
      return undefined;
    });
  }

  #keysOf(secret: string): LoginStateKeys {
    let keys = this.#derived.get(secret);
    if (keys === undefined) {
      // Two secrets at most are accepted at a time; older ones are never needed again.
      if (this.#derived.size >= 2) this.#derived.clear();
      keys = deriveLoginStateKeys(secret);
      this.#derived.set(secret, keys);
    }
    return keys;
  }
}

export function newStateRandom(): string {
  return randomBytes(STATE_RANDOM_BYTES).toString('base64url');
}

/** The nonce sent to the platform for this state: the id_token must carry it back. */
export function nonceOf(keys: LoginStateKeys, random: string): string {
  return createHmac('sha256', keys.nonce).update(random).digest('base64url');
}

/** The value of the cookie that binds this state to the browser that started the login. */
export function browserBindingOf(keys: LoginStateKeys, random: string): string {
  return createHmac('sha256', keys.binding).update(random).digest('base64url');
}

/**
 * Whether `value` is the browser binding of `state`: the state cookie's value, or what the login
 * page kept in platform storage. Compared in constant time.
 */
export function isBrowserBindingOf(keys: LoginStateKeys, state: LoginState, value: string): boolean {
  const [actual, expected] = [Buffer.from(value), Buffer.from(browserBindingOf(keys, state.random))];
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The login state inside the seal, with short names: it travels in a URL. */
interface StatePayload {
  v: number;
  r: string;
  e: number;
  p: { i: string; s: string; c: string; j: string; a: string; n: boolean; o: string | null; d?: string[] };
  t: string;
  ld?: string;
  st?: string;
  h?: string;
  m?: string;
}

/**
 * Seals a login state into the OIDC `state` value (Security Framework §5.1.1.2). Nothing is stored
 * at the login: the state carries what the launch needs, encrypted and authenticated
 * (AES-256-GCM) with the tool's key, so it can be neither read nor forged nor altered, and the
 * launch accepts it once (its nonce is recorded as used, whether the launch is accepted or
 * refused). What does not fit is left out: first the platform's hints (a new-window restart then
 * asks the learner to reopen the activity), then the deployments (read at the launch instead).
 */
export function sealLoginState(keys: LoginStateKeys, state: LoginState): string {
  const { platform } = state;
  const withoutDeployments: StatePayload = {
    v: STATE_FORMAT_VERSION,
    r: state.random,
    e: state.expiresAtMs,
    p: { i: platform.id, s: platform.issuer, c: platform.clientId, j: platform.jwksUrl, a: platform.authOrigin, n: platform.isNalas, o: platform.organisationId },
    t: state.targetLinkUri,
    ...(state.loginDeploymentId === undefined ? {} : { ld: state.loginDeploymentId }),
    ...(state.storageTarget === undefined ? {} : { st: state.storageTarget }),
  };
  const payload = platform.deploymentIds === undefined ? withoutDeployments : { ...withoutDeployments, p: { ...withoutDeployments.p, d: platform.deploymentIds } };
  if (state.hints !== undefined) {
    const withHints = seal(keys, { ...payload, h: state.hints.loginHint, ...(state.hints.messageHint === undefined ? {} : { m: state.hints.messageHint }) });
    if (withHints.length <= LOGIN_STATE_WITH_HINTS_CHARS_MAX) return withHints;
  }
  for (const candidate of [payload, withoutDeployments]) {
    const sealed = seal(keys, candidate);
    if (sealed.length <= LOGIN_STATE_CHARS_MAX) return sealed;
  }
  throw new LtiError('login_request_invalid', `the login state would be longer than ${LOGIN_STATE_CHARS_MAX} characters`);
}

function seal(keys: LoginStateKeys, payload: StatePayload): string {
  const iv = randomBytes(SEAL_IV_BYTES);
  const cipher = createCipheriv(SEAL_CIPHER, keys.seal, iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, encrypted, cipher.getAuthTag()]).toString('base64url');
}

/** The login state a `state` value carries, when it is one of ours, unaltered and not expired. */
export function openLoginState(keys: LoginStateKeys, value: string, nowMs = Date.now()): LoginState | undefined {
  if (value.length > LOGIN_STATE_CHARS_MAX || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  const sealed = Buffer.from(value, 'base64url');
  if (sealed.length <= SEAL_IV_BYTES + SEAL_TAG_BYTES) return undefined;
  let text: string;
  try {
    const decipher = createDecipheriv(SEAL_CIPHER, keys.seal, sealed.subarray(0, SEAL_IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - SEAL_TAG_BYTES));
    // Nothing of the plaintext is used before final() has checked the tag.
    text = Buffer.concat([decipher.update(sealed.subarray(SEAL_IV_BYTES, sealed.length - SEAL_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
  const payload = JSON.parse(text) as StatePayload;
  if (payload.v !== STATE_FORMAT_VERSION || payload.e <= nowMs) return undefined;
  const { p } = payload;
  return {
    random: payload.r,
    expiresAtMs: payload.e,
    platform: { id: p.i, issuer: p.s, clientId: p.c, jwksUrl: p.j, authOrigin: p.a, isNalas: p.n, organisationId: p.o, deploymentIds: p.d },
    targetLinkUri: payload.t,
    loginDeploymentId: payload.ld,
    storageTarget: payload.st,
    hints: payload.h === undefined ? undefined : { loginHint: payload.h, messageHint: payload.m },
  };
}

/** The login parameters that start this launch again, in a window of its own. */
export function restartParametersOf(state: LoginState): Record<string, string> | undefined {
  if (state.hints === undefined) return undefined;
  return {
    iss: state.platform.issuer,
    login_hint: state.hints.loginHint,
    target_link_uri: state.targetLinkUri,
    ...(state.hints.messageHint === undefined ? {} : { lti_message_hint: state.hints.messageHint }),
    ...(state.loginDeploymentId === undefined ? {} : { lti_deployment_id: state.loginDeploymentId }),
    client_id: state.platform.clientId,
  };
}

type LoginPlatformRow = Omit<LaunchPlatform, 'authOrigin' | 'deploymentIds'> & { authUrl: string; deploymentIds: string[] };

/**
 * The active platform a login names (LTI Core 1.3 §4.1: `iss`, and `client_id` when the issuer
 * has several registrations with the tool), with its deployments, in one read: the platform is
 * read fresh at every login (no cache, so a platform disabled on any instance is refused at once)
 * and nothing is written. An unknown issuer, or a deployment the platform does not have, is
 * refused before any redirect.
 */
export async function findLoginPlatform(
  db: Database,
  login: { issuer: string; clientId: string | undefined; deploymentId: string | undefined },
): Promise<LaunchPlatform & { authUrl: string }> {
  const rows = await selectPreparedRows<LoginPlatformRow>(
    db,
    'find_login_platform',
    ['id', 'issuer', 'clientId', 'jwksUrl', 'authUrl', 'isNalas', 'organisationId', 'deploymentIds'],
    sql`select p.id, p.issuer, p.client_id, p.jwks_url, p.auth_url, p.is_nalas, p.organisation_id,
      coalesce((select jsonb_agg(d.deployment_id) from (
        select deployment_id from deployments
        where platform_id = p.id and (${login.deploymentId ?? null}::text is null or deployment_id = ${login.deploymentId ?? null}::text)
        limit ${STATE_DEPLOYMENTS_MAX + 1}::integer
      ) d), '[]'::jsonb)
    from platforms p
    where p.issuer = ${login.issuer} and p.status = 'active' and (${login.clientId ?? null}::text is null or p.client_id = ${login.clientId ?? null}::text)
    limit 2`,
  );
  const row = rows[0];
  if (row === undefined) throw new LtiError('issuer_unknown', `no active platform for ${login.issuer}`);
  if (rows.length > 1) throw new LtiError('login_request_invalid', 'several registrations for this issuer: client_id is required');
  if (login.deploymentId !== undefined && row.deploymentIds.length === 0) throw new LtiError('deployment_unknown', `deployment ${login.deploymentId}`);
  const { authUrl, deploymentIds, ...platform } = row;
  return { ...platform, authUrl, authOrigin: new URL(authUrl).origin, deploymentIds: deploymentIds.length > STATE_DEPLOYMENTS_MAX ? undefined : deploymentIds };
}

/** Deployments of a platform with more than a state carries. */
export async function readDeploymentIds(db: Database, platformId: string): Promise<string[]> {
  const rows = await selectPreparedRows<{ deploymentId: string }>(
    db,
    'read_deployment_ids',
    ['deploymentId'],
    sql`select deployment_id from deployments where platform_id = ${platformId}::uuid`,
  );
  return rows.map((row) => row.deploymentId);
}

/**
 * Records a nonce as used by the platform (Security Framework §5.1.3 step 9), returning the
 * platform's id when the nonce was new. A platform removed since the login records nothing.
 */
export function insertUsedNonce(platformId: string, nonce: string, expiresAt: Date): SQL {
  return sql`insert into lti_used_nonces (platform_id, nonce, expires_at)
    select id, ${nonce}, ${expiresAt.toISOString()}::timestamptz from platforms where id = ${platformId}::uuid
    on conflict do nothing
    returning platform_id`;
}

/**
 * Uses a state up without a launch (it was refused): its nonce is recorded as used, so the state
 * serves no later try.
 */
export async function useUpLoginState(db: Database, keys: LoginStateKeys, state: LoginState): Promise<void> {
  await db.execute(insertUsedNonce(state.platform.id, nonceOf(keys, state.random), new Date(state.expiresAtMs)));
}

/**
 * Used nonces are kept this long past their expiry: instances' clocks may differ, and a nonce
 * purged by one whose clock runs ahead must not let another accept its state again.
 */
const NONCE_PURGE_MARGIN_MS = 5 * 60 * 1000;

/** Removes nonces that can no longer be used. */
export async function purgeExpiredLoginRecords(db: Database, now = new Date()): Promise<void> {
  await db.delete(ltiUsedNonces).where(lt(ltiUsedNonces.expiresAt, new Date(now.getTime() - NONCE_PURGE_MARGIN_MS)));
}
