import { decodeJwt, type JWTPayload } from 'jose';

import { authorise } from './auth-endpoint.ts';
import { readForm, sendBrowserRequest, type BrowserResponse } from './browser-request.ts';
import { CookieJar, type RequestSite, type StoredCookie } from './cookie-jar.ts';
import type { LaunchClaimsOptions } from './launch-claims.ts';
import { loginParametersOf } from './login-initiation.ts';
import type { PendingLaunch, PlatformState } from './platform-state.ts';
import type { ToolClient } from './records.ts';
import { forgedState, type LaunchTamper } from './tamper.ts';

export interface LaunchOptions extends LaunchClaimsOptions {
  /** How the platform sends the login initiation (Moodle posts a form). */
  loginMethod?: 'GET' | 'POST';
  /** Sends `lti_storage_target` (the tool then answers the login with a page, not a redirect). */
  storageTarget?: string;
  tamper?: LaunchTamper;
  /** Shallow claim overrides applied after the tamper; an `undefined` value removes the claim. */
  overrideClaims?: Record<string, unknown>;
  removeClaims?: readonly string[];
  /** 'iframe' (default): the course page frames the tool; 'window': the tool opens top-level. */
  presentation?: 'iframe' | 'window';
  /** The browser: pass one to keep cookies across launches; a fresh one per launch otherwise. */
  cookieJar?: CookieJar;
  /** Runs after the platform's authorisation and before the browser posts the id_token (e.g. an administrator's change). */
  beforeLaunchPost?: () => Promise<void>;
  /**
   * 'http' (default): the browser visits the platform's /auth page and reads its form.
   * 'in-process': the platform authorises the same request without the page (no HTTP of the
   * platform to itself), for a benchmark that shares its cores with the tool.
   */
  authorisation?: 'http' | 'in-process';
  /**
   * The local address the learner's browser connects to the tool from, e.g. 127.0.0.12 for a tool
   * on 127.0.0.1 (each learner's machine, as the tool's rate limits see it); the system's choice
   * by default. The platform's own pages are reached from the default address.
   */
  browserAddress?: string;
  /** The browser's Accept-Language, e.g. "mk-MK,mk;q=0.9,en;q=0.5"; none by default. */
  browserLanguage?: string;
}

export interface LaunchResult {
  /** 'login' when the tool did not redirect to the platform's authorization endpoint. */
  stage: 'login' | 'launch';
  status: number;
  headers: Headers;
  body: string;
  /** The jar's cookies for the tool's host after the step. */
  cookies: StoredCookie[];
  launchId: string;
  login: BrowserResponse;
  idToken: string | undefined;
  claims: JWTPayload | undefined;
  cookieJar: CookieJar;
  /** With the `replay` tamper: the first, untampered launch whose id_token was replayed. */
  replayedLaunch?: LaunchResult;
}

interface Browsing {
  jar: CookieJar;
  localAddress: string | undefined;
  acceptLanguage: string | undefined;
  platformOrigin: string;
  toolOrigin: string;
  isFramed: boolean;
}

/** Request context for a navigation of the tool's frame (or window) started by `initiatorOrigin`. */
function toolSite(browsing: Browsing, initiatorOrigin: string, method: 'GET' | 'POST'): RequestSite {
  return {
    initiatorOrigin,
    topLevelOrigin: browsing.isFramed ? browsing.platformOrigin : browsing.toolOrigin,
    isTopLevelNavigation: !browsing.isFramed,
    method,
  };
}

async function initiateLogin(state: PlatformState, launch: PendingLaunch, tool: ToolClient, browsing: Browsing, method: 'GET' | 'POST'): Promise<{ login: BrowserResponse; authUrl: URL | undefined }> {
  const parameters = loginParametersOf(state, launch, tool);
  const url = method === 'GET' ? `${tool.loginUrl}${tool.loginUrl.includes('?') ? '&' : '?'}${new URLSearchParams(parameters)}` : tool.loginUrl;
  const login = await sendBrowserRequest(browsing.jar, {
    url,
    method,
    form: method === 'POST' ? parameters : undefined,
    site: toolSite(browsing, browsing.platformOrigin, method),
    destination: browsing.isFramed ? 'iframe' : 'document',
    localAddress: browsing.localAddress,
    acceptLanguage: browsing.acceptLanguage,
  });
  const location = login.headers.get('location');
  const authEndpoint = state.endpoint('/auth');
  if (location === null || !new URL(location, url).href.startsWith(authEndpoint)) return { login, authUrl: undefined };
  // Security Framework §5.1.1.2 allows POST, but Moodle 4.5.11+ loses its SameSite=Lax session on a
  // cross-site POST: the redirect must become a GET (302/303; 307/308 would replay the POST).
  if (login.status !== 302 && login.status !== 303) throw new Error(`tool redirected to the authorization endpoint with ${login.status}; expected 302 or 303 (a GET)`);
  return { login, authUrl: new URL(location, url) };
}

/** Plays the platform's /auth page: GET it and read the auto-submitting form (or authorise in-process). */
async function authenticate(state: PlatformState, authUrl: URL, browsing: Browsing, via: 'http' | 'in-process'): Promise<{ action: string; idToken: string; state: string }> {
  if (via === 'in-process') {
    const authorised = await authorise(state, 'GET', Object.fromEntries(authUrl.searchParams));
    if (authorised.status !== 200) throw new Error(`the platform refused the tool's authentication request: ${authorised.problems.join('; ')}`);
    return { action: authorised.action, idToken: authorised.fields.id_token, state: authorised.fields.state };
  }
  const answer = await sendBrowserRequest(new CookieJar(), {
    url: authUrl.href,
    method: 'GET',
    site: { initiatorOrigin: browsing.toolOrigin, topLevelOrigin: browsing.isFramed ? browsing.platformOrigin : new URL(authUrl).origin, isTopLevelNavigation: !browsing.isFramed, method: 'GET' },
    destination: browsing.isFramed ? 'iframe' : 'document',
  });
  const form = readForm(answer.body);
  if (answer.status !== 200 || form === undefined) {
    const problems = state.authRequests.list().at(-1)?.problems ?? [];
    throw new Error(`the platform refused the tool's authentication request (${answer.status}): ${problems.join('; ')}`);
  }
  return { action: form.action, idToken: form.fields.id_token ?? '', state: form.fields.state ?? '' };
}

async function postLaunch(action: string, fields: Record<string, string>, jar: CookieJar, browsing: Browsing): Promise<BrowserResponse> {
  return sendBrowserRequest(jar, {
    url: action,
    method: 'POST',
    form: fields,
    site: toolSite(browsing, browsing.platformOrigin, 'POST'),
    destination: browsing.isFramed ? 'iframe' : 'document',
    localAddress: browsing.localAddress,
    acceptLanguage: browsing.acceptLanguage,
  });
}

/** The launch form's fields and browser as the state tampers want them. */
function tamperLaunchPost(tamper: LaunchTamper | undefined, idToken: string, stateValue: string, jar: CookieJar): { fields: Record<string, string>; jar: CookieJar } {
  if (tamper === 'missing-state') return { fields: { id_token: idToken }, jar };
  if (tamper === 'forged-state') return { fields: { id_token: idToken, state: forgedState() }, jar };
  if (tamper === 'state-from-another-browser') return { fields: { id_token: idToken, state: stateValue }, jar: new CookieJar(jar.blocksThirdPartyCookies) };
  return { fields: { id_token: idToken, state: stateValue }, jar };
}

function resultOf(stage: LaunchResult['stage'], response: BrowserResponse, launch: PendingLaunch, login: BrowserResponse, browsing: Browsing, idToken?: string): LaunchResult {
  return {
    stage,
    status: response.status,
    headers: response.headers,
    body: response.body,
    cookies: browsing.jar.cookiesFor(browsing.toolOrigin),
    launchId: launch.id,
    login,
    idToken,
    // Decoded when a test reads them: a benchmark's thousands of launches never do.
    get claims() {
      return claimsOf(idToken);
    },
    cookieJar: browsing.jar,
  };
}

function claimsOf(idToken: string | undefined): JWTPayload | undefined {
  try {
    return idToken === undefined ? undefined : decodeJwt(idToken);
  } catch {
    return undefined;
  }
}

/** The whole launch over real HTTP: login initiation → /auth → form post of id_token and state. */
export async function runLaunch(state: PlatformState, options: LaunchOptions = {}): Promise<LaunchResult> {
  const { loginMethod = 'POST', storageTarget, tamper, overrideClaims, removeClaims, presentation = 'iframe', cookieJar, targetLinkUri, beforeLaunchPost, authorisation = 'http', browserAddress, browserLanguage, ...claimsOptions } = options;
  const tool = state.currentTool();
  const browsing: Browsing = { jar: cookieJar ?? new CookieJar(), localAddress: browserAddress, acceptLanguage: browserLanguage, platformOrigin: new URL(state.baseUrl).origin, toolOrigin: new URL(tool.loginUrl).origin, isFramed: presentation === 'iframe' };
  if (tamper === 'replay') return runReplay(state, options, browsing);
  const launch = state.createPendingLaunch({ clientId: tool.clientId, claimsOptions, tamper, overrideClaims, removeClaims, targetLinkUri, storageTarget });
  const { login, authUrl } = await initiateLogin(state, launch, tool, browsing, loginMethod);
  if (authUrl === undefined) return resultOf('login', login, launch, login, browsing);
  const auth = await authenticate(state, authUrl, browsing, authorisation);
  const post = tamperLaunchPost(tamper, auth.idToken, auth.state, browsing.jar);
  await beforeLaunchPost?.();
  const answer = await postLaunch(auth.action, post.fields, post.jar, browsing);
  return resultOf('launch', answer, launch, login, browsing, auth.idToken);
}

/**
 * Replay (Security Framework §5.1.3 step 9, nonce single use): a first, valid launch; then a
 * second login in the same browser, and the first id_token posted with the new login's state.
 */
async function runReplay(state: PlatformState, options: LaunchOptions, browsing: Browsing): Promise<LaunchResult> {
  const first = await runLaunch(state, { ...options, tamper: undefined, cookieJar: browsing.jar });
  if (first.stage !== 'launch' || first.idToken === undefined) throw new Error(`the launch to replay did not get through (status ${first.status})`);
  const tool = state.currentTool();
  const launch = state.findPendingLaunchById(first.launchId);
  if (launch === undefined) throw new Error('the launch to replay expired');
  const { login, authUrl } = await initiateLogin(state, launch, tool, browsing, options.loginMethod ?? 'POST');
  const secondState = authUrl?.searchParams.get('state');
  if (authUrl === undefined || secondState === null || secondState === undefined) throw new Error('the second login of the replay did not redirect to the authorization endpoint with a state');
  const redirectUri = authUrl.searchParams.get('redirect_uri') ?? tool.launchUrl;
  const answer = await postLaunch(redirectUri, { id_token: first.idToken, state: secondState }, browsing.jar, browsing);
  return { ...resultOf('launch', answer, launch, login, browsing, first.idToken), replayedLaunch: first };
}
