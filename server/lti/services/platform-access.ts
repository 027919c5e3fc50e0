import { AccessTokenCache, requestAccessToken } from '../../../lti/index.ts';
import type { Database } from '../../db/index.ts';
import type { PlatformRecord } from '../platform-records.ts';
import { readSigningKey } from '../tool-keys.ts';

/**
 * Access tokens for LTI Advantage services (Security Framework §4.1: client credentials with a
 * private_key_jwt assertion), cached per platform and scope set until shortly before expiry.
 * The cache is a per-process optimisation; every instance can always ask for its own token.
 */
export class PlatformAccess {
  readonly #cache = new AccessTokenCache();

  constructor(
    private readonly db: Database,
    private readonly fetchFunction: typeof fetch = globalThis.fetch,
  ) {}

  async accessToken(platform: PlatformRecord, scopes: readonly string[]): Promise<string> {
    const token = await this.#cache.getOrRequest({ tokenEndpoint: platform.tokenUrl, clientId: platform.clientId, scopes }, async () =>
      requestAccessToken({
        clientId: platform.clientId,
        tokenEndpoint: platform.tokenUrl,
        audience: platform.tokenAudience ?? undefined,
        key: await readSigningKey(this.db),
        scopes,
        fetch: this.fetchFunction,
      }),
    );
    return token.accessToken;
  }

  get fetch(): typeof fetch {
    return this.fetchFunction;
  }
}
