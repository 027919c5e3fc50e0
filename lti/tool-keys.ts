import { createPrivateKey, createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, exportPKCS8, generateKeyPair, importPKCS8 } from 'jose';
import type { JWK } from 'jose';
import { LtiError } from './errors.ts';

/** Security Framework §6.1: RSA keys of at least 2048 bits for RS256. */
export const TOOL_KEY_MODULUS_BITS = 2048;
export const TOOL_KEY_ALGORITHM = 'RS256';

/** A public JWK as the tool publishes it. */
export interface ToolPublicJwk extends JWK {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface ToolKey {
  /** RFC 7638 thumbprint of the public key: stable, derived, never chosen by hand. */
  kid: string;
  privateKey: CryptoKey;
  publicJwk: ToolPublicJwk;
}

/** A new RSA-2048 key pair for the tool (signing deep linking responses and client assertions). */
export async function generateToolKey(): Promise<ToolKey> {
  const { privateKey } = await generateKeyPair(TOOL_KEY_ALGORITHM, { modulusLength: TOOL_KEY_MODULUS_BITS, extractable: true });
  return importToolKey(await exportPKCS8(privateKey));
}

/** The storable form of a tool key: PKCS#8 PEM. The kid and public key derive from it. */
export async function exportToolKeyPem(key: ToolKey): Promise<string> {
  return exportPKCS8(key.privateKey);
}

/**
 * Reads a stored PKCS#8 PEM back into a usable key with its public JWK and kid. The private key
 * is imported extractable so that it can be exported again (for backup or moving stores).
 */
export async function importToolKey(privateKeyPem: string): Promise<ToolKey> {
  let publicJwk: JWK;
  let privateKey: CryptoKey;
  try {
    const keyObject = createPrivateKey({ key: privateKeyPem, format: 'pem' });
    if (keyObject.asymmetricKeyType !== 'rsa' || (keyObject.asymmetricKeyDetails?.modulusLength ?? 0) < TOOL_KEY_MODULUS_BITS) {
      throw new Error(`not an RSA key of at least ${TOOL_KEY_MODULUS_BITS} bits`);
    }
    publicJwk = createPublicKey(keyObject).export({ format: 'jwk' }) as JWK;
    privateKey = await importPKCS8(privateKeyPem, TOOL_KEY_ALGORITHM, { extractable: true });
  } catch (error) {
    throw new LtiError('key_invalid', error instanceof Error ? error.message : undefined, { cause: error });
  }
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', n: String(publicJwk.n), e: String(publicJwk.e), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * The tool's JWKS (RFC 7517 §5). Pass the current key and the next one: publishing the next key
 * before it signs lets platforms that cache our JWKS already know it when rotation happens.
 */
export function buildJwks(keys: readonly Pick<ToolKey, 'publicJwk'>[]): { keys: ToolPublicJwk[] } {
  const seen = new Set<string>();
  const published: ToolPublicJwk[] = [];
  for (const { publicJwk } of keys) {
    if (seen.has(publicJwk.kid)) continue;
    seen.add(publicJwk.kid);
    published.push({ ...publicJwk });
  }
  return { keys: published };
}
