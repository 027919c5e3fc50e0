import { LtiError, mapRolesToFace, verifyLaunchToken, type JwksCache, type VerifiedLaunch } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { createHandoff } from '../session/launch-handoffs.ts';
import { registrationFor, type LaunchSession } from '../session/launch-session.ts';
import { consumeLoginState, consumeNonce, hashValue, type LoginStateRecord } from './login-states.ts';
import { findPlatformById, listDeploymentIds, type PlatformRecord } from './platform-records.ts';
import { recordLaunch } from './record-launch.ts';
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
 */
export async function completeLaunch(
  db: Database,
  input: { idToken: unknown; state: unknown; stateCookie: string | undefined; publicUrl: string; jwks: JwksCache },
): Promise<LaunchOutcome> {
  if (typeof input.state !== 'string' || input.state === '') throw new LtiError('state_invalid', 'state missing');
  if (typeof input.idToken !== 'string' || input.idToken === '') throw new LtiError('token_malformed', 'id_token missing');
  const loginState = await consumeLoginState(db, input.state);
  if (loginState === undefined) throw new LtiError('state_invalid', 'state unknown, used or expired');
  if (input.stateCookie !== undefined && hashValue(input.stateCookie) !== loginState.browserBindingHash) {
    throw new LtiError('state_invalid', 'state cookie does not match');
  }
  if (input.stateCookie === undefined && loginState.storageTarget === null) {
    return { kind: 'open-in-new-window', loginParameters: loginState.loginParameters };
  }
  const platform = await findPlatformById(db, loginState.platformId);
  if (platform === undefined || platform.status !== 'active') throw new LtiError('issuer_unknown', 'platform removed since login');
  const verified = await verifyLaunchToken(
    input.idToken,
    {
      platform: { issuer: platform.issuer, clientId: platform.clientId, jwksUrl: platform.jwksUrl },
      deploymentIds: await listDeploymentIds(db, platform.id),
      nonce: loginState.nonce,
      targetLinkUri: loginState.targetLinkUri,
      toolOrigin: new URL(input.publicUrl).origin,
      loginDeploymentId: loginState.loginDeploymentId ?? undefined,
      storageTarget: loginState.storageTarget ?? undefined,
    },
    input.jwks,
  );
  if (!(await consumeNonce(db, platform.id, verified.nonce, verified.expiresAt))) {
    throw new LtiError('nonce_replayed', 'nonce seen before');
  }
  const session = await buildSession(db, platform, verified);
  // A trainer's launch refreshes the cohort roster in the background (NRPS), so members who
  // never launched appear on the dashboard.
  if (session.face === 'trainer' && session.contextId !== undefined && verified.launch.nrps !== undefined) {
    await enqueueRosterSync(db, session.contextId);
  }
  if (input.stateCookie !== undefined) {
    return { kind: 'ready', handoffCode: await createHandoff(db, session), session };
  }
  return confirmFromStorage(db, session, loginState, platform, input.state);
}

async function confirmFromStorage(db: Database, session: LaunchSession, loginState: LoginStateRecord, platform: PlatformRecord, state: string): Promise<LaunchOutcome> {
  const handoffCode = await createHandoff(db, session, hashValue(state));
  return {
    kind: 'confirm-from-storage',
    handoffCode,
    state,
    storageTarget: loginState.storageTarget ?? '_parent',
    platformOrigin: new URL(platform.authUrl).origin,
  };
}

async function buildSession(db: Database, platform: PlatformRecord, verified: VerifiedLaunch): Promise<LaunchSession> {
  const { launch } = verified;
  const face = mapRolesToFace(launch.roles, { isNalasPlatform: platform.isNalas });
  if (launch.messageType === 'LtiDeepLinkingRequest' && face === 'learner') {
    throw new LtiError('message_type_invalid', 'content selection is for trainers');
  }
  const recorded = await recordLaunch(db, platform.id, launch, face);
  return {
    sub: recorded.userId,
    platformId: platform.id,
    organisationId: platform.organisationId ?? undefined,
    contextId: recorded.contextId,
    resourceLinkId: recorded.resourceLinkId,
    face,
    roles: launch.roles,
    locale: launch.locale,
    courseId: recorded.courseId,
    moduleId: recorded.moduleId,
    registration: recorded.resourceLinkId === undefined ? undefined : registrationFor(recorded.userId, recorded.resourceLinkId),
    name: launch.person.name ?? ([launch.person.givenName, launch.person.familyName].filter(Boolean).join(' ') || undefined),
    messageType: launch.messageType,
    deepLinking: launch.deepLinking === undefined ? undefined : { settings: launch.deepLinking, deploymentId: launch.deploymentId },
  };
}
