import { LtiError, mapRolesToFace, verifyLaunchToken, type JwksCache, type LtiFace, type VerifiedLaunch } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { prepareHandoff, type NewHandoff } from '../session/launch-handoffs.ts';
import { withRegistration, type LaunchSession } from '../session/launch-session.ts';
import {
  hashValue,
  isBrowserBindingOf,
  nonceOf,
  readDeploymentIds,
  restartParametersOf,
  useUpLoginState,
  type LoginState,
  type LoginStateKeyring,
  type LoginStateKeys,
} from './login-states.ts';
import { recordLaunch, type SessionWithoutIds } from './record-launch.ts';
import { enqueueRosterSync } from './services/sync-roster.ts';

/**
 * The cookie that binds a login state to the browser; one per state, so tabs never clash. Over
 * HTTPS it is a `__Host-` cookie (RFC 6265bis §4.1.3.2): host-only, Secure and for the whole
 * origin, so a sibling subdomain cannot plant a binding of its own state in the learner's browser
 * (a login CSRF). Browsers treat loopback addresses as secure, so a tool on one for development
 * gets the same cookie; over plain HTTP elsewhere (where no SameSite=None cookie works) it stays
 * under /lti/ without the prefix.
 */
export function stateCookieOf(state: string, isSecure: boolean): { name: string; path: string } {
  const unprefixed = `${STATE_COOKIE_PREFIX}${hashValue(state).slice(0, 16)}`;
  const name = isSecure ? `${HOST_COOKIE_PREFIX}${unprefixed}` : unprefixed;
  return { name, path: stateCookiePathOf(name) };
}

/** The path a state cookie of this name was set with: a `__Host-` cookie's must be `/`. */
export function stateCookiePathOf(name: string): string {
  return name.startsWith(HOST_COOKIE_PREFIX) ? '/' : '/lti/';
}

const HOST_COOKIE_PREFIX = '__Host-';
const STATE_COOKIE_PREFIX = 'lti_state_';
/** Logins pending in one browser beyond which their cookies are all cleared at the next login. */
export const STATE_COOKIES_MAX = 8;

export function isStateCookieName(name: string): boolean {
  return name.startsWith(STATE_COOKIE_PREFIX) || name.startsWith(`${HOST_COOKIE_PREFIX}${STATE_COOKIE_PREFIX}`);
}

export type LaunchOutcome =
  /** The state cookie came back: the web app may take over at once. */
  | { kind: 'ready'; handoffCode: string; session: LaunchSession }
  /** No cookie, but the platform offers storage: the page must read the state back from it first. */
  | { kind: 'confirm-from-storage'; handoffCode: string; state: string; storageTarget: string; platformOrigin: string; locale: string | undefined }
  /** Neither: offer to restart the launch in a window of its own (undefined: reopen it from the course). */
  | { kind: 'open-in-new-window'; loginParameters: Record<string, string> | undefined };

interface LaunchInput {
  idToken: string;
  state: string;
  stateCookie: string | undefined;
  publicUrl: string;
  jwks: JwksCache;
  /** The keys that opened the state: its nonce and browser binding derive from them. */
  stateKeys: LoginStateKeys;
  loginState: LoginState;
}

/**
 * `POST /lti/launch` (LTI Core 1.3 §5.1.3; Security Framework §5.1.3): the state must be one we
 * sealed, unexpired and bound to this browser; the id_token must pass every check of
 * `verifyLaunchToken`, with the nonce the state derives; that nonce is used once. Then the launch
 * is recorded and handed off — one round trip to the database (two for a platform with more
 * deployments than a state carries), which also checks that the platform and the deployment are
 * still as they were at the login. A launch refused on the way uses its state up too (one more
 * write): one state, one try. The platform is not read before verification: a platform disabled
 * since the login has its token verified with the JWKS it had, and is refused by the record.
 */
export async function completeLaunch(
  db: Database,
  input: { idToken: unknown; state: unknown; stateCookie: string | undefined; publicUrl: string; jwks: JwksCache; stateKeyring: LoginStateKeyring },
): Promise<LaunchOutcome> {
  if (typeof input.state !== 'string' || input.state === '') throw new LtiError('state_invalid', 'state missing');
  if (typeof input.idToken !== 'string' || input.idToken === '') throw new LtiError('token_malformed', 'id_token missing');
  const opened = await input.stateKeyring.open(input.state);
  if (opened === undefined) throw new LtiError('state_invalid', 'state unknown, altered or expired');
  const { state: loginState, keys: stateKeys } = opened;
  const launchInput: LaunchInput = { ...input, state: input.state, idToken: input.idToken, loginState, stateKeys };
  if (input.stateCookie === undefined && loginState.storageTarget === undefined) {
    await useUpLoginState(db, stateKeys, loginState);
    return { kind: 'open-in-new-window', loginParameters: restartParametersOf(loginState) };
  }
  let accepted: { verified: VerifiedLaunch; face: LtiFace };
  try {
    if (input.stateCookie !== undefined && !isBrowserBindingOf(stateKeys, loginState, input.stateCookie)) {
      throw new LtiError('state_invalid', 'state cookie does not match');
    }
    accepted = await verifyLaunch(db, launchInput);
  } catch (error) {
    // The refusal is what the browser must see; should using the state up fail too, it still
    // expires on its own and stays bound to this browser and this nonce.
    await useUpLoginState(db, stateKeys, loginState).catch(() => undefined);
    throw error;
  }
  return acceptLaunch(db, launchInput, accepted);
}

/** The verified launch and the face it lands on; a learner may not select content. */
async function verifyLaunch(db: Database, input: LaunchInput): Promise<{ verified: VerifiedLaunch; face: LtiFace }> {
  const { platform } = input.loginState;
  const verified = await verifyLaunchToken(
    input.idToken,
    {
      platform: { issuer: platform.issuer, clientId: platform.clientId, jwksUrl: platform.jwksUrl },
      deploymentIds: platform.deploymentIds ?? (await readDeploymentIds(db, platform.id)),
      nonce: nonceOf(input.stateKeys, input.loginState.random),
      targetLinkUri: input.loginState.targetLinkUri,
      toolOrigin: new URL(input.publicUrl).origin,
      loginDeploymentId: input.loginState.loginDeploymentId,
      storageTarget: input.loginState.storageTarget,
    },
    input.jwks,
  );
  const face = mapRolesToFace(verified.launch.roles, { isNalasPlatform: platform.isNalas });
  if (verified.launch.messageType === 'LtiDeepLinkingRequest' && face === 'learner') {
    throw new LtiError('message_type_invalid', 'content selection is for trainers');
  }
  return { verified, face };
}

async function acceptLaunch(db: Database, input: LaunchInput, { verified, face }: { verified: VerifiedLaunch; face: LtiFace }): Promise<LaunchOutcome> {
  const { loginState } = input;
  // Without the cookie, the hand-off waits until the page proves it holds the state (storage).
  const handoff = prepareHandoff(input.stateCookie === undefined ? hashValue(input.state) : undefined);
  const session = await recordSession(db, { loginState, verified, face, handoff });
  // A trainer's launch refreshes the cohort roster in the background (NRPS), so members who
  // never launched appear on the dashboard.
  if (session.face === 'trainer' && session.contextId !== undefined && verified.launch.nrps !== undefined) {
    await enqueueRosterSync(db, session.contextId);
  }
  if (handoff.status === 'ready') return { kind: 'ready', handoffCode: handoff.code, session };
  return {
    kind: 'confirm-from-storage',
    handoffCode: handoff.code,
    state: input.state,
    storageTarget: loginState.storageTarget ?? '_parent',
    platformOrigin: loginState.platform.authOrigin,
    locale: session.locale,
  };
}

/** Records the launch (nonce, user, context, link, enrolment, hand-off) and returns its session. */
async function recordSession(
  db: Database,
  { loginState, verified, face, handoff }: { loginState: LoginState; verified: VerifiedLaunch; face: LtiFace; handoff: NewHandoff },
): Promise<LaunchSession> {
  const { launch } = verified;
  const { platform } = loginState;
  const session: SessionWithoutIds = {
    platformId: platform.id,
    organisationId: platform.organisationId ?? undefined,
    face,
    roles: launch.roles,
    locale: launch.locale,
    name: launch.person.name ?? ([launch.person.givenName, launch.person.familyName].filter(Boolean).join(' ') || undefined),
    messageType: launch.messageType,
    deepLinking: launch.deepLinking === undefined ? undefined : { settings: launch.deepLinking, deploymentId: launch.deploymentId },
  };
  // The nonce is kept as long as the token or the state could still be presented, whichever is longer.
  const nonceExpiresAt = new Date(Math.max(verified.expiresAt.getTime(), loginState.expiresAtMs));
  const recorded = await recordLaunch(db, { platform, launch, face, nonce: { value: verified.nonce, expiresAt: nonceExpiresAt }, handoff, session });
  if (recorded === 'platform_inactive') throw new LtiError('issuer_unknown', 'platform removed or disabled since login');
  if (recorded === 'platform_changed') throw new LtiError('state_invalid', 'the platform registration changed since the login: launch again');
  if (recorded === 'deployment_unknown') throw new LtiError('deployment_unknown', `deployment ${launch.deploymentId} removed since login`);
  if (recorded === 'nonce_replayed') throw new LtiError('nonce_replayed', 'nonce seen before');
  const { userId, ...ids } = recorded;
  return withRegistration({ ...session, sub: userId, ...ids });
}
