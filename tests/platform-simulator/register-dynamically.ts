import { sendBrowserRequest, type BrowserResponse } from './browser-request.ts';
import { CookieJar } from './cookie-jar.ts';
import type { PlatformState } from './platform-state.ts';
import type { RegistrationRecord } from './records.ts';

export interface DynamicRegistrationOptions {
  /** The tool's registration initiation URL, e.g. `${toolUrl}/lti/register`. */
  toolRegisterUrl: string;
  /** The tool's one-time invitation code, passed through in the URL. */
  code?: string;
  /** Send this registration token instead of a fresh one (to test refusals). */
  registrationToken?: string;
}

export interface DynamicRegistrationResult {
  /** The tool's answer to the browser (should close the window with a postMessage). */
  response: BrowserResponse;
  /** Whether the answer posts `{subject: 'org.imsglobal.lti.close'}` (Dynamic Registration 1.0 §3.7). */
  hasCloseMessage: boolean;
  registrationToken: string;
  /** What the registration endpoint received during this registration, if anything. */
  registration: RegistrationRecord | undefined;
}

/**
 * Dynamic Registration 1.0 §3.3: the platform opens the tool's initiation URL in a window or frame
 * with `openid_configuration` and a one-time `registration_token`; the tool then calls back.
 */
export async function runDynamicRegistration(state: PlatformState, options: DynamicRegistrationOptions): Promise<DynamicRegistrationResult> {
  const registrationToken = options.registrationToken ?? state.issueRegistrationToken();
  const url = new URL(options.toolRegisterUrl);
  url.searchParams.set('openid_configuration', state.endpoint('/.well-known/openid-configuration'));
  url.searchParams.set('registration_token', registrationToken);
  if (options.code !== undefined) url.searchParams.set('code', options.code);
  const registrationsBefore = state.registrations.list().length;
  const platformOrigin = new URL(state.baseUrl).origin;
  const response = await sendBrowserRequest(new CookieJar(), {
    url: url.href,
    method: 'GET',
    site: { initiatorOrigin: platformOrigin, topLevelOrigin: platformOrigin, isTopLevelNavigation: false, method: 'GET' },
    destination: 'iframe',
  });
  const registration = state.registrations.list().slice(registrationsBefore).at(-1);
  return { response, hasCloseMessage: /org\.imsglobal\.lti\.close/.test(response.body), registrationToken, registration };
}
