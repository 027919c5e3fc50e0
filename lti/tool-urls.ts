import { LtiError } from './errors.ts';

export interface ToolUrls {
  origin: string;
  /** OIDC third-party initiated login (initiate_login_uri). */
  login: string;
  /** Where the id_token is posted (redirect_uri and target_link_uri). */
  launch: string;
  jwks: string;
  register: string;
}

/**
 * Every absolute URL the tool gives a platform derives from its one public URL, so a platform
 * never learns an internal host name. A path on the public URL (a reverse proxy prefix) is kept.
 */
export function buildToolUrls(publicUrl: string): ToolUrls {
  if (!URL.canParse(publicUrl)) throw new LtiError('registration_invalid', 'the tool public URL is not a URL');
  const base = new URL(publicUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const at = (path: string) => new URL(`${prefix}${path}`, base.origin).href;
  return { origin: base.origin, login: at('/lti/login'), launch: at('/lti/launch'), jwks: at('/lti/jwks'), register: at('/lti/register') };
}
