import { randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';

import { SignJWT } from 'jose';

import { PlatformKeys } from './platform-keys.ts';
import { CLAIM } from './vocabulary.ts';

/**
 * One option per known-bad payload of the LTI 1.3 certification suite (and the Security
 * Framework §5.1.3 checks behind them). Each names what the tool must refuse.
 */
export const LAUNCH_TAMPERS = {
  'omit-kid': 'id_token header without kid',
  'wrong-kid': 'kid that the platform JWKS does not publish',
  'bad-signature': 'signed by a key the platform never published, with the current kid',
  'alg-none': 'alg "none" and an empty signature',
  'hs256-public-key': "HS256 with the platform's public key (SPKI PEM) as the HMAC secret",
  'wrong-aud': 'aud is another client id',
  'extra-aud-without-azp': 'aud is [client_id, another] and azp is absent',
  'wrong-azp': 'aud is [client_id, another] and azp names the other',
  expired: 'exp an hour ago',
  'iat-in-future': 'iat an hour ahead',
  'nonce-mismatch': 'nonce differs from the one the tool sent to /auth',
  replay: 'a second login, then the id_token of the first launch posted again with the new state',
  'missing-state': 'launch form without state',
  'forged-state': 'launch form with a state the tool never issued',
  'state-from-another-browser': 'launch posted without the cookies of the browser that logged in',
  'unknown-deployment': 'deployment_id the tool was never told (login parameter and claim)',
  'missing-deployment': 'no deployment_id claim and no lti_deployment_id parameter',
  'wrong-message-type': 'message_type the tool does not support',
  'wrong-version': 'version 1.2.0',
  'missing-version': 'no version claim',
  'missing-resource-link': 'resource link launch without the resource_link claim',
  'missing-roles': 'no roles claim',
  'target-link-uri-off-origin': 'target_link_uri on another origin, at login and in the id_token',
  'target-link-uri-differs-from-login': 'id_token target_link_uri differs from the one sent at login',
  'unknown-issuer': 'id_token iss is a platform the tool does not know (login used the real one)',
  'unknown-issuer-at-login': 'login initiation from a platform the tool does not know',
} as const;

export type LaunchTamper = keyof typeof LAUNCH_TAMPERS;

export const UNKNOWN_ISSUER = 'https://unknown-platform.example';
export const UNKNOWN_DEPLOYMENT_ID = 'deployment-nobody-registered';
export const OTHER_CLIENT_ID = 'another-tool-client-id';
export const OFF_ORIGIN_TARGET_LINK_URI = 'https://attacker.example/lti/launch';

/** Login initiation parameters (Security Framework §5.1.1.1) as the tamper wants them. */
export function tamperLoginParameters(parameters: Record<string, string>, tamper: LaunchTamper | undefined): Record<string, string> {
  const tampered = { ...parameters };
  if (tamper === 'unknown-issuer-at-login') tampered.iss = UNKNOWN_ISSUER;
  if (tamper === 'unknown-deployment') tampered.lti_deployment_id = UNKNOWN_DEPLOYMENT_ID;
  if (tamper === 'missing-deployment') delete tampered.lti_deployment_id;
  if (tamper === 'target-link-uri-off-origin') tampered.target_link_uri = OFF_ORIGIN_TARGET_LINK_URI;
  return tampered;
}

/** id_token claims as the tamper wants them; `toolUrl` places the "different target" on the tool's own origin. */
export function tamperClaims(claims: Record<string, unknown>, tamper: LaunchTamper | undefined, toolUrl: string): Record<string, unknown> {
  const tampered = { ...claims };
  const nowS = Math.floor(Date.now() / 1000);
  const clientId = claims.aud;
  switch (tamper) {
    case 'wrong-aud':
      tampered.aud = OTHER_CLIENT_ID;
      delete tampered.azp;
      break;
    case 'extra-aud-without-azp':
      tampered.aud = [clientId, OTHER_CLIENT_ID];
      delete tampered.azp;
      break;
    case 'wrong-azp':
      tampered.aud = [clientId, OTHER_CLIENT_ID];
      tampered.azp = OTHER_CLIENT_ID;
      break;
    case 'expired':
      tampered.iat = nowS - 7200;
      tampered.exp = nowS - 3600;
      break;
    case 'iat-in-future':
      tampered.iat = nowS + 3600;
      tampered.exp = nowS + 7200;
      break;
    case 'nonce-mismatch':
      tampered.nonce = randomUUID();
      break;
    case 'unknown-deployment':
      tampered[CLAIM.deploymentId] = UNKNOWN_DEPLOYMENT_ID;
      break;
    case 'missing-deployment':
      delete tampered[CLAIM.deploymentId];
      break;
    case 'wrong-message-type':
      tampered[CLAIM.messageType] = 'LtiUnsupportedMessageRequest';
      break;
    case 'wrong-version':
      tampered[CLAIM.version] = '1.2.0';
      break;
    case 'missing-version':
      delete tampered[CLAIM.version];
      break;
    case 'missing-resource-link':
      delete tampered[CLAIM.resourceLink];
      break;
    case 'missing-roles':
      delete tampered[CLAIM.roles];
      break;
    case 'target-link-uri-off-origin':
      tampered[CLAIM.targetLinkUri] = OFF_ORIGIN_TARGET_LINK_URI;
      break;
    case 'target-link-uri-differs-from-login':
      tampered[CLAIM.targetLinkUri] = new URL('/lti/not-the-login-target', toolUrl).href;
      break;
    case 'unknown-issuer':
      tampered.iss = UNKNOWN_ISSUER;
      break;
    default:
      break;
  }
  return tampered;
}

/** Applies `overrideClaims` (shallow; `undefined` values remove) then `removeClaims`. */
export function applyClaimEdits(claims: Record<string, unknown>, overrideClaims: Record<string, unknown> = {}, removeClaims: readonly string[] = []): Record<string, unknown> {
  const edited = { ...claims, ...overrideClaims };
  for (const [name, value] of Object.entries(overrideClaims)) if (value === undefined) delete edited[name];
  for (const name of removeClaims) delete edited[name];
  return edited;
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs the id_token, or forges it as the tamper says (RFC 7515 compact serialisation). */
export async function signIdToken(claims: Record<string, unknown>, keys: PlatformKeys, tamper: LaunchTamper | undefined): Promise<string> {
  const current = keys.signing;
  switch (tamper) {
    case 'alg-none':
      // RFC 7519 §6.1 "unsecured JWT": header.payload. with an empty signature.
      return `${base64UrlJson({ alg: 'none', typ: 'JWT' })}.${base64UrlJson(claims)}.`;
    case 'hs256-public-key':
      // Key confusion: a verifier that lets the token pick the algorithm would use the public key as an HMAC secret.
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid }).sign(Buffer.from(current.publicKeyPem));
    case 'omit-kid':
      return signRs256({ alg: 'RS256', typ: 'JWT' }, claims, current.privateKeyObject);
    case 'wrong-kid':
      return signRs256({ alg: 'RS256', typ: 'JWT', kid: PlatformKeys.unknownKid() }, claims, current.privateKeyObject);
    case 'bad-signature':
      return signRs256({ alg: 'RS256', typ: 'JWT', kid: current.kid }, claims, keys.foreign.privateKeyObject);
    default:
      return signRs256({ alg: 'RS256', typ: 'JWT', kid: current.kid }, claims, current.privateKeyObject);
  }
}

/**
 * A compact JWS with RS256 (RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with SHA-256), as every id_token of
 * a real platform. Node's one-shot sign with a callback runs in the thread pool, off the event
 * loop that also plays the browsers: a benchmark's platform stays out of the tool's way.
 */
function signRs256(header: Record<string, unknown>, claims: Record<string, unknown>, privateKey: KeyObject): Promise<string> {
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(signingInput), privateKey, (error, signature) => {
      if (error === null) resolve(`${signingInput}.${signature.toString('base64url')}`);
      else reject(error);
    });
  });
}

/** A state value the tool cannot have issued. */
export function forgedState(): string {
  return randomBytes(24).toString('base64url');
}
