import type { AccessToken } from './request-access-token.ts';

/** A token is not used in its last minute: a request must not arrive with an expired token. */
export const ACCESS_TOKEN_EXPIRY_MARGIN_MS = 60 * 1000;
/** Distinct (platform, scopes) tokens held at once; the oldest is dropped beyond this. */
export const ACCESS_TOKEN_CACHE_ENTRIES_MAX = 1000;

/**
 * Access tokens by (token endpoint, client_id, scopes) until shortly before they expire.
 *
 * A per-process optimisation only: every process may hold its own token for the same platform,
 * nothing depends on it surviving a restart, and losing it costs one token request.
 */
export class AccessTokenCache {
  readonly #entries = new Map<string, AccessToken>();
  readonly #inFlight = new Map<string, Promise<AccessToken>>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The cached token, or the one `request` obtains (shared by concurrent callers). */
  async getOrRequest(
    key: { tokenEndpoint: string; clientId: string; scopes: readonly string[] },
    request: () => Promise<AccessToken>,
  ): Promise<AccessToken> {
    const cacheKey = buildCacheKey(key);
    const cached = this.#entries.get(cacheKey);
    if (cached !== undefined && cached.expiresAtMs - ACCESS_TOKEN_EXPIRY_MARGIN_MS > this.#now()) return cached;
    this.#entries.delete(cacheKey);
    const pending = this.#inFlight.get(cacheKey);
    if (pending !== undefined) return pending;
    const promise = request();
    this.#inFlight.set(cacheKey, promise);
    try {
      const token = await promise;
      this.#entries.set(cacheKey, token);
      if (this.#entries.size > ACCESS_TOKEN_CACHE_ENTRIES_MAX) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      return token;
    } finally {
      this.#inFlight.delete(cacheKey);
    }
  }

  /** Drops a token the platform refused (401), so the next call asks for a fresh one. */
  invalidate(key: { tokenEndpoint: string; clientId: string; scopes: readonly string[] }): void {
    this.#entries.delete(buildCacheKey(key));
  }
}

/** Scope order does not matter to the platform, so it must not split the cache. */
function buildCacheKey(key: { tokenEndpoint: string; clientId: string; scopes: readonly string[] }): string {
  return JSON.stringify([key.tokenEndpoint, key.clientId, [...key.scopes].sort()]);
}
