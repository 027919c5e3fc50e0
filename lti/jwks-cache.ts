import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

import type { JWK } from 'jose';
import { LtiError } from './errors.ts';
import { isRecord, requestPlatformJson } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';

/** How long a platform's key set is trusted before it is fetched again. */
export const JWKS_CACHE_TTL_MS = 10 * 60 * 1000;
/**
 * An unknown `kid` triggers one re-fetch (the platform may have rotated its key, Security
 * Framework §6.4), but not more often than this per key set: otherwise anyone could make the
 * tool hammer a platform by posting tokens with made-up kids.
 */
export const JWKS_REFETCH_INTERVAL_MIN_MS = 10 * 1000;
export const JWKS_FETCH_TIMEOUT_MS = 5_000;
export const JWKS_RESPONSE_BYTES_MAX = 256 * 1024;
/** A key set with more keys than this is not a real platform's. */
export const JWKS_KEYS_MAX = 50;
/** Platforms whose key sets are held at once; the oldest is dropped beyond this. */
export const JWKS_CACHE_ENTRIES_MAX = 1000;

interface CacheEntry {
  fetchedAtMs: number;
  keys: Map<string, JWK>;
  imported: Map<string, KeyObject>;
}

export interface JwksCacheOptions {
  fetch: FetchFunction;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now?: () => number;
  ttlMs?: number;
  refetchIntervalMinMs?: number;
}

/**
 * A per-process cache of platform key sets. Each process fetching its own copy is fine: the
 * key set is public, and a stale one costs one extra fetch, never a wrong answer.
 */
export class JwksCache {
  readonly #fetch: FetchFunction;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #refetchIntervalMinMs: number;
  readonly #entries = new Map<string, CacheEntry>();
  readonly #inFlight = new Map<string, Promise<CacheEntry>>();

  constructor(options: JwksCacheOptions) {
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? JWKS_CACHE_TTL_MS;
    this.#refetchIntervalMinMs = options.refetchIntervalMinMs ?? JWKS_REFETCH_INTERVAL_MIN_MS;
  }

  /** The RS256 verification key `kid` of the key set at `jwksUrl`, or `kid_unknown`. */
  async getKey(jwksUrl: string, kid: string): Promise<KeyObject> {
    let entry = this.#entries.get(jwksUrl);
    const ageMs = entry === undefined ? Infinity : this.#now() - entry.fetchedAtMs;
    if (entry === undefined || ageMs >= this.#ttlMs) {
      entry = await this.#refresh(jwksUrl);
    } else if (!entry.keys.has(kid) && ageMs >= this.#refetchIntervalMinMs) {
      entry = await this.#refresh(jwksUrl);
    }
    return importKey(entry, kid, jwksUrl);
  }

  /** Forgets a key set, e.g. after an administrator changed the platform's JWKS URL. */
  forget(jwksUrl: string): void {
    this.#entries.delete(jwksUrl);
  }

  /** Concurrent launches share one fetch of the same key set. */
  async #refresh(jwksUrl: string): Promise<CacheEntry> {
    const pending = this.#inFlight.get(jwksUrl);
    if (pending !== undefined) return pending;
    const promise = fetchKeySet(this.#fetch, jwksUrl).then((keys) => {
      const entry: CacheEntry = { fetchedAtMs: this.#now(), keys, imported: new Map() };
      this.#entries.delete(jwksUrl);
      this.#entries.set(jwksUrl, entry);
      if (this.#entries.size > JWKS_CACHE_ENTRIES_MAX) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      return entry;
    });
    this.#inFlight.set(jwksUrl, promise);
    try {
      return await promise;
    } finally {
      this.#inFlight.delete(jwksUrl);
    }
  }
}

/** RSA keys shorter than this are refused (RFC 7518 §3.3: 2048 bits or larger for RS256). */
export const RSA_MODULUS_BITS_MIN = 2048;
/**
 * Longer keys are refused too, and any public exponent but 65537 (what every platform uses): a
 * huge modulus or exponent would make each launch's verification cost milliseconds of the event loop.
 */
export const RSA_MODULUS_BITS_MAX = 8192;
const RSA_PUBLIC_EXPONENT = 65537n;

function importKey(entry: CacheEntry, kid: string, jwksUrl: string): KeyObject {
  const cached = entry.imported.get(kid);
  if (cached !== undefined) return cached;
  const jwk = entry.keys.get(kid);
  if (jwk === undefined) throw new LtiError('kid_unknown', `kid ${kid} not in ${jwksUrl}`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw new LtiError('kid_unknown', `kid ${kid} in ${jwksUrl} is not a usable RSA key`, { cause: error });
  }
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || modulusBits < RSA_MODULUS_BITS_MIN || modulusBits > RSA_MODULUS_BITS_MAX || key.asymmetricKeyDetails?.publicExponent !== RSA_PUBLIC_EXPONENT) {
    throw new LtiError('kid_unknown', `kid ${kid} in ${jwksUrl} is not an RSA key of ${RSA_MODULUS_BITS_MIN} to ${RSA_MODULUS_BITS_MAX} bits with exponent 65537`);
  }
  entry.imported.set(kid, key);
  return key;
}

/**
 * Fetches and filters a key set (RFC 7517 §5): only RSA signature keys with a kid are kept, so
 * a symmetric or encryption key published by mistake can never be used to verify a launch.
 */
async function fetchKeySet(fetchFunction: FetchFunction, jwksUrl: string): Promise<Map<string, JWK>> {
  const { body } = await requestPlatformJson({
    fetch: fetchFunction,
    url: jwksUrl,
    headers: { accept: 'application/json, application/jwk-set+json' },
    timeoutMs: JWKS_FETCH_TIMEOUT_MS,
    bodyBytesMax: JWKS_RESPONSE_BYTES_MAX,
    errorCode: 'jwks_unavailable',
    purpose: 'platform JWKS',
  });
  if (!isRecord(body) || !Array.isArray(body.keys) || body.keys.length > JWKS_KEYS_MAX) {
    throw new LtiError('jwks_unavailable', `${jwksUrl} is not a key set of at most ${JWKS_KEYS_MAX} keys`);
  }
  const keys = new Map<string, JWK>();
  for (const key of body.keys as unknown[]) {
    if (!isRecord(key) || key.kty !== 'RSA' || typeof key.kid !== 'string') continue;
    if (key.use !== undefined && key.use !== 'sig') continue;
    if (key.alg !== undefined && key.alg !== 'RS256') continue;
    if (typeof key.d === 'string') continue; // a private key published by mistake: never use it
    keys.set(key.kid, { kty: 'RSA', n: String(key.n), e: String(key.e), kid: key.kid });
  }
  return keys;
}
