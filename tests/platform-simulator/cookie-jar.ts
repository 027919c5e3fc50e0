/**
 * A small browser cookie store (RFC 6265bis) with what launches depend on: host-only and Domain
 * cookies, Path, Max-Age/Expires, Secure (localhost and 127.0.0.1 count as secure contexts, as in
 * Chromium), the __Secure- and __Host- name prefixes, SameSite (Lax when absent) and Partitioned (CHIPS: keyed by the top-level site).
 * With `blocksThirdPartyCookies` an unpartitioned cookie in a cross-site frame is neither stored nor
 * sent, which is what Chromium does in the LMS-iframe setting.
 */

export interface StoredCookie {
  name: string;
  value: string;
  /** Host the cookie belongs to (host-only) or the Domain attribute. */
  domain: string;
  isHostOnly: boolean;
  path: string;
  isSecure: boolean;
  isHttpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  /** Top-level site the cookie is partitioned under, or undefined when unpartitioned. */
  partitionKey: string | undefined;
  expiresAtMs: number | undefined;
}

/** Where a request happens, as a browser would know it. */
export interface RequestSite {
  /** Origin of the document that started the request (the form's page, or the redirecting one). */
  initiatorOrigin: string;
  /** Origin of the top-level page: the LMS course page when the tool is framed. */
  topLevelOrigin: string;
  /** A navigation of the top-level window (Lax cookies go cross-site only with those, and only on GET). */
  isTopLevelNavigation: boolean;
  method: string;
}

const COOKIES_MAX = 200;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isPotentiallyTrustworthy(url: URL): boolean {
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

/** Scheme and registrable domain; IP addresses and single labels are their own site (no public suffix list needed for tests). */
export function siteOf(origin: string): string {
  const url = new URL(origin);
  const host = url.hostname;
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
  const labels = host.split('.');
  return `${url.protocol}//${isIp || labels.length <= 2 ? host : labels.slice(-2).join('.')}`;
}

function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/') || path.lastIndexOf('/') === 0) return '/';
  return path.slice(0, path.lastIndexOf('/'));
}

function isPathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function isDomainMatch(host: string, cookie: StoredCookie): boolean {
  return cookie.isHostOnly ? host === cookie.domain : host === cookie.domain || host.endsWith(`.${cookie.domain}`);
}

function parseSameSite(value: string | undefined): StoredCookie['sameSite'] {
  const lower = value?.toLowerCase();
  return lower === 'strict' ? 'Strict' : lower === 'none' ? 'None' : 'Lax';
}

export class CookieJar {
  /** Whether a cross-site frame may use unpartitioned cookies (Chromium here: it may not). */
  constructor(readonly blocksThirdPartyCookies = true) {}

  private cookies: StoredCookie[] = [];

  /** Stores the Set-Cookie headers of a response to `requestUrl`; returns the names it refused. */
  store(setCookieHeaders: string[], requestUrl: string, site: RequestSite): string[] {
    const refused: string[] = [];
    for (const header of setCookieHeaders) {
      const cookie = this.parse(header, new URL(requestUrl), site);
      if (cookie === undefined) {
        refused.push(header.split('=')[0] ?? header);
        continue;
      }
      this.cookies = this.cookies.filter((other) => !(other.name === cookie.name && other.domain === cookie.domain && other.path === cookie.path && other.partitionKey === cookie.partitionKey));
      if (cookie.expiresAtMs === undefined || cookie.expiresAtMs > Date.now()) this.cookies.push(cookie);
    }
    this.cookies = this.cookies.slice(-COOKIES_MAX);
    return refused;
  }

  private parse(header: string, url: URL, site: RequestSite): StoredCookie | undefined {
    const [pair = '', ...attributeParts] = header.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return undefined;
    const attributes = new Map(attributeParts.map((part) => {
      const [key = '', ...rest] = part.trim().split('=');
      return [key.toLowerCase(), rest.join('=')] as const;
    }));
    const maxAge = attributes.has('max-age') ? Number.parseInt(attributes.get('max-age') ?? '', 10) : undefined;
    const expires = attributes.has('expires') ? Date.parse(attributes.get('expires') ?? '') : undefined;
    const domainAttribute = attributes.get('domain')?.replace(/^\./, '').toLowerCase();
    const cookie: StoredCookie = {
      name: pair.slice(0, separator).trim(),
      value: pair.slice(separator + 1).trim(),
      domain: domainAttribute === undefined || domainAttribute === '' ? url.hostname : domainAttribute,
      isHostOnly: domainAttribute === undefined || domainAttribute === '',
      path: attributes.get('path')?.startsWith('/') === true ? (attributes.get('path') as string) : defaultPath(url),
      isSecure: attributes.has('secure'),
      isHttpOnly: attributes.has('httponly'),
      sameSite: parseSameSite(attributes.get('samesite')),
      partitionKey: undefined,
      expiresAtMs: maxAge !== undefined && !Number.isNaN(maxAge) ? Date.now() + maxAge * 1000 : expires !== undefined && !Number.isNaN(expires) ? expires : undefined,
    };
    if (!cookie.isHostOnly && !isDomainMatch(url.hostname, { ...cookie, isHostOnly: false })) return undefined;
    if (cookie.isSecure && !isPotentiallyTrustworthy(url)) return undefined;
    // RFC 6265bis §4.1.3: __Secure- needs Secure; __Host- also a host-only cookie with Path=/.
    if (/^__(secure|host)-/i.test(cookie.name) && !cookie.isSecure) return undefined;
    if (/^__host-/i.test(cookie.name) && (!cookie.isHostOnly || attributes.get('path') !== '/')) return undefined;
    // RFC 6265bis §5.6: SameSite=None without Secure is refused; CHIPS: Partitioned needs Secure.
    if (cookie.sameSite === 'None' && !cookie.isSecure) return undefined;
    const isPartitioned = attributes.has('partitioned');
    if (isPartitioned && !cookie.isSecure) return undefined;
    const isThirdParty = siteOf(site.topLevelOrigin) !== siteOf(url.origin);
    if (isPartitioned) cookie.partitionKey = siteOf(site.topLevelOrigin);
    else if (isThirdParty && this.blocksThirdPartyCookies) return undefined;
    return cookie;
  }

  /** The Cookie header a browser would send with this request ('' when none). */
  header(requestUrl: string, site: RequestSite): string {
    return this.matching(requestUrl, site)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private matching(requestUrl: string, site: RequestSite): StoredCookie[] {
    const url = new URL(requestUrl);
    const isCrossSite = siteOf(site.initiatorOrigin) !== siteOf(url.origin);
    const isThirdParty = siteOf(site.topLevelOrigin) !== siteOf(url.origin);
    const nowMs = Date.now();
    return this.cookies.filter((cookie) => {
      if (cookie.expiresAtMs !== undefined && cookie.expiresAtMs <= nowMs) return false;
      if (!isDomainMatch(url.hostname, cookie) || !isPathMatch(url.pathname, cookie.path)) return false;
      if (cookie.isSecure && !isPotentiallyTrustworthy(url)) return false;
      if (cookie.partitionKey !== undefined && cookie.partitionKey !== siteOf(site.topLevelOrigin)) return false;
      if (cookie.partitionKey === undefined && isThirdParty && this.blocksThirdPartyCookies) return false;
      if (!isCrossSite && !isThirdParty) return true;
      if (cookie.sameSite === 'None') return true;
      return cookie.sameSite === 'Lax' && site.isTopLevelNavigation && site.method === 'GET';
    });
  }

  /** Every live cookie for a URL's host, whatever the request context (for assertions). */
  cookiesFor(url: string): StoredCookie[] {
    const host = new URL(url).hostname;
    return this.cookies.filter((cookie) => isDomainMatch(host, cookie) && (cookie.expiresAtMs === undefined || cookie.expiresAtMs > Date.now()));
  }

  all(): StoredCookie[] {
    return [...this.cookies];
  }
}
