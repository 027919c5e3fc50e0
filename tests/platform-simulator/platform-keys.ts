import { KeyObject, randomBytes } from 'node:crypto';

import { calculateJwkThumbprint, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface PlatformKey {
  kid: string;
  privateKey: CryptoKey;
  /** The same private key as a Node.js KeyObject, made once: id_tokens are signed with it (RS256). */
  privateKeyObject: KeyObject;
  publicJwk: JWK;
  /** SPKI PEM of the public key: the secret of the HS256 key-confusion attack. */
  publicKeyPem: string;
}

/** Keys kept published after rotation, so tokens signed just before it still verify. */
const RETIRED_KEYS_PUBLISHED_MAX = 2;

async function generatePlatformKey(): Promise<PlatformKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, privateKeyObject: KeyObject.from(privateKey), publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, publicKeyPem: await exportSPKI(publicKey) };
}

/**
 * The platform's signing keys (Security Framework §6.3): one current key signs; retired keys and
 * extra keys stay in the JWKS; a foreign key, never published, signs the "bad signature" payloads.
 */
export class PlatformKeys {
  private retired: PlatformKey[] = [];
  private extra: PlatformKey[] = [];
  private constructor(
    private current: PlatformKey,
    readonly foreign: PlatformKey,
  ) {}

  static async generate(): Promise<PlatformKeys> {
    const [current, foreign] = await Promise.all([generatePlatformKey(), generatePlatformKey()]);
    return new PlatformKeys(current, foreign);
  }

  get signing(): PlatformKey {
    return this.current;
  }

  /** The JWKS document: current key first, then extras, then the recently retired. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.current, ...this.extra, ...this.retired].map((key) => key.publicJwk) };
  }

  /** A new key signs from now on; the old one stays published unless told otherwise. */
  async rotate(options: { keepPreviousPublished?: boolean } = {}): Promise<PlatformKey> {
    const next = await generatePlatformKey();
    if (options.keepPreviousPublished ?? true) this.retired = [this.current, ...this.retired].slice(0, RETIRED_KEYS_PUBLISHED_MAX);
    this.current = next;
    return next;
  }

  /** Publishes a key that signs nothing (a tool must pick keys by kid, not take the first). */
  async publishExtraKey(): Promise<PlatformKey> {
    const key = await generatePlatformKey();
    this.extra.push(key);
    return key;
  }

  /** A kid that no published key carries. */
  static unknownKid(): string {
    return `unpublished-${randomBytes(8).toString('hex')}`;
  }
}
