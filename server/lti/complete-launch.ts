import { LtiError, mapRolesToFace, verifyLaunchToken, type JwksCache, type VerifiedLaunch } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { prepareHandoff, type NewHandoff } from '../session/launch-handoffs.ts';
import { withRegistration, type LaunchSession } from '../session/launch-session.ts';
import { deleteLoginState, hashValue, readLoginState, type LaunchPlatform, type LoginState } from './login-states.ts';
import { recordLaunch, type SessionWithoutIds } from './record-launch.ts';
import { enqueueRosterSync } from './services/sync-roster.ts';

/** Name of the cookie that binds a login state to the browser; one per state, so tabs never clash. */
export function stateCookieName(state: string): string {
  return `lti_state_${hashValue(state).slice(0, 16)}`;
}

export type LaunchOutcome =
  /** The state cookie came back: the web app may take over at once. */
  | { kind: 'ready'; handoffCode: string; session: LaunchSession }
  /** No cookie, but the platform offers storage: the page must read the state back from it first. */
  | { kind: 'confirm-from-storage'; handoffCode: string; state: string; storageTarget: string; platformOrigin: string }
  /** Neither: offer to restart the launch in a window of its own. */
  | { kind: 'open-in-new-window'; loginParameters: Record<string, string> };

/**
 * `POST /lti/launch` (LTI Core 1.3 §5.1.3; Security Framework §5.1.3): the state must be one we
 * issued, still unused and bound to this browser; the id_token must pass every check of
 * `verifyLaunchToken`; its nonce is used once. Then the launch is recorded and handed off.
 * Two round trips to the database: the state (with the platform as it is now), then the record,
 * which uses the state up. A launch refused on the way uses it up too: one state, one try.
 */
export async function completeLaunch(
  db: Database,
  input: { idToken: unknown; state: unknown; stateCookie: string | undefined; publicUrl: string; jwks: JwksCache },
): Promise<LaunchOutcome> {
  if (typeof input.state !== 'string' || input.state === '') throw new LtiError('state_invalid', 'state missing');
  if (typeof input.idToken !== 'string' || input.idToken === '') throw new LtiError('token_malformed', 'id_token missing');
  const loginState = await readLoginState(db, input.state);
  if (loginState === undefined) throw new LtiError('state_invalid', 'state unknown, used or expired');
  try {
    const outcome = await acceptLaunch(db, { ...input, state: input.state, idToken: input.idToken, loginState });
    if (outcome.kind === 'open-in-new-window') await deleteLoginState(db, input.state);
    return outcome;
  } catch (error) {
    // The refusal is what the browser must see; should the deletion fail too, the state still
    // expires on its own and stays bound to this browser and this nonce.
    await deleteLoginState(db, input.state).catch(() => undefined);
    throw error;
  }
}

async function acceptLaunch(
  db: Database,
  input: { idToken: string; state: string; stateCookie: string | undefined; publicUrl: string; jwks: JwksCache; loginState: LoginState },
): Promise<LaunchOutcome> {
  const { loginState } = input;
  if (input.stateCookie !== undefined && hashValue(input.stateCookie) !== loginState.browserBindingHash) {
    throw new LtiError('state_invalid', 'state cookie does not match');
  }
  if (input.stateCookie === undefined && loginState.storageTarget === null) {
    return { kind: 'open-in-new-window', loginParameters: loginState.loginParameters };
  }
  const platform = loginState.platform;
  if (platform === undefined || platform.status !== 'active') throw new LtiError('issuer_unknown', 'platform removed or disabled since login');
  const verified = await verifyLaunchToken(
    input.idToken,
    {
      platform: { issuer: platform.issuer, clientId: platform.clientId, jwksUrl: platform.jwksUrl },
      deploymentIds: platform.deploymentIds,
      nonce: loginState.nonce,
      targetLinkUri: loginState.targetLinkUri,
      toolOrigin: new URL(input.publicUrl).origin,
      loginDeploymentId: loginState.loginDeploymentId ?? undefined,
      storageTarget: loginState.storageTarget ?? undefined,
    },
    input.jwks,
  );
  // Without the cookie, the hand-off waits until the page proves it holds the state (storage).
  const handoff = prepareHandoff(input.stateCookie === undefined ? hashValue(input.state) : undefined);
  const session = await recordSession(db, { stateHash: hashValue(input.state), platform, verified, handoff });
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
    platformOrigin: new URL(platform.authUrl).origin,
  };
}

/** Records the launch (nonce, user, context, link, enrolment, hand-off) and returns its session. */
async function recordSession(
  db: Database,
  { stateHash, platform, verified, handoff }: { stateHash: string; platform: LaunchPlatform; verified: VerifiedLaunch; handoff: NewHandoff },
): Promise<LaunchSession> {
  const { launch } = verified;
  const face = mapRolesToFace(launch.roles, { isNalasPlatform: platform.isNalas });
  if (launch.messageType === 'LtiDeepLinkingRequest' && face === 'learner') {
    throw new LtiError('message_type_invalid', 'content selection is for trainers');
  }
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
  const recorded = await recordLaunch(db, { stateHash, platformId: platform.id, launch, face, nonce: { value: verified.nonce, expiresAt: verified.expiresAt }, handoff, session });
  if (recorded === 'state_used') throw new LtiError('state_invalid', 'state used by another launch meanwhile');
  if (recorded === 'nonce_replayed') throw new LtiError('nonce_replayed', 'nonce seen before');
  const { userId, ...ids } = recorded;
  return withRegistration({ ...session, sub: userId, ...ids });
}
