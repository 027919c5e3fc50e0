import { constants, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

import { decodeProtectedHeader } from 'jose';
import { isStringArray } from './claim-readers.ts';
import { LtiError } from './errors.ts';
import { LTI_CLAIM, LTI_MESSAGE_TYPES, LTI_VERSION } from './launch-claims.ts';
import type { LtiMessageType } from './launch-claims.ts';
import type { JwksCache } from './jwks-cache.ts';
import { mapLaunchClaims } from './map-launch-claims.ts';
import type { LtiLaunch } from './map-launch-claims.ts';
import { isRecord } from './platform-http.ts';

/** Allowed difference between the platform's clock and ours when checking exp and iat. */
export const CLOCK_SKEW_SECONDS = 60;
/** An id_token longer than this is refused before any parsing or key lookup. */
export const LAUNCH_TOKEN_CHARS_MAX = 100_000;
/** Security Framework §5.1.3 step 2 and §5.4: the only algorithm an LTI platform signs with. */
export const LAUNCH_TOKEN_ALGORITHM = 'RS256';

/** Three base64url segments; the signature may be empty so that `alg: none` gets its own code. */
const COMPACT_JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface LaunchExpectations {
  /** The platform registration chosen at login (from the state this browser brought back). */
  platform: { issuer: string; clientId: string; jwksUrl: string };
  /** Deployment ids registered for this issuer and client_id. */
  deploymentIds: ReadonlySet<string> | readonly string[];
  /** The nonce sent in the authentication request for this state. */
  nonce: string;
  /** The target_link_uri of the login request (Core 1.3 §5.1.3: must match). */
  targetLinkUri: string;
  /** Our own origin, e.g. "https://academy-tool.example.org". */
  toolOrigin: string;
  /** `lti_deployment_id` of the login request, when the platform sent one (Core 1.3 §4.1.2). */
  loginDeploymentId?: string | undefined;
  /** `lti_storage_target` of the login request, carried into the launch. */
  storageTarget?: string | undefined;
  /** Milliseconds since the epoch; defaults to the clock. */
  nowMs?: number;
}

export interface VerifiedLaunch {
  launch: LtiLaunch;
  /** All claims as sent, for what the map does not carry. */
  claims: Record<string, unknown>;
  /** To consume in the nonce store (single use); keep it until `expiresAt`. */
  nonce: string;
  expiresAt: Date;
}

/**
 * Validates an LTI 1.3 launch id_token as 1EdTech Security Framework 1.0 §5.1.3 and LTI Core
 * 1.3 §5.1.3 require, in their order, each failure with its own `LtiError` code. The signature
 * is checked before any claim is trusted: claims of an unverified token mean nothing.
 */
export async function verifyLaunchToken(token: string, expected: LaunchExpectations, jwks: JwksCache): Promise<VerifiedLaunch> {
  const claims = await verifyTokenSignature(token, expected.platform.jwksUrl, jwks);
  checkIssuerAndAudience(claims, expected.platform);
  const expiresAtSeconds = checkTimes(claims, Math.floor((expected.nowMs ?? Date.now()) / 1000));
  checkNonce(claims, expected.nonce);
  const checked = checkLtiClaims(claims, expected);
  const launch = mapLaunchClaims(claims, checked, expected.storageTarget);
  if (checked.messageType === 'LtiDeepLinkingRequest' && launch.deepLinking === undefined) {
    throw new LtiError('deep_linking_settings_invalid', 'deep_linking_settings claim missing');
  }
  return { launch, claims, nonce: expected.nonce, expiresAt: new Date(expiresAtSeconds * 1000) };
}

/** Steps 1–4 of §5.1.3: shape, algorithm, kid, key from the platform's JWKS, signature. */
async function verifyTokenSignature(token: string, jwksUrl: string, jwks: JwksCache): Promise<Record<string, unknown>> {
  if (token.length > LAUNCH_TOKEN_CHARS_MAX || !COMPACT_JWS_SHAPE.test(token)) {
    throw new LtiError('token_malformed', 'not a compact JWS');
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new LtiError('token_malformed', 'header is not JSON', { cause: error });
  }
  // Never `none`, never HS*: a symmetric alg would let anyone holding the platform's public key
  // (everyone) forge a token by using that key as an HMAC secret.
  if (header.alg !== LAUNCH_TOKEN_ALGORITHM) throw new LtiError('alg_not_allowed', `alg ${String(header.alg)}`);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw new LtiError('kid_missing');
  // RFC 7515 §4.1.11: a critical extension we do not implement makes the token invalid.
  if (header.crit !== undefined) throw new LtiError('signature_invalid', 'critical header extensions are not supported');
  const key = await jwks.getKey(jwksUrl, header.kid);
  if (!isRs256SignatureValid(token, key)) throw new LtiError('signature_invalid');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(token.slice(token.indexOf('.') + 1, token.lastIndexOf('.')), 'base64url').toString('utf8'));
  } catch (error) {
    throw new LtiError('token_malformed', 'payload is not JSON', { cause: error });
  }
  if (!isRecord(claims)) throw new LtiError('token_malformed', 'payload is not an object');
  return claims;
}

/**
 * RS256 (RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with SHA-256) over the compact JWS's signing input, with
 * Node's synchronous verification: WebCrypto's (which jose's verification uses) runs as a job on
 * the thread pool and costs five times the CPU per launch. The caller has checked the shape (three
 * base64url segments) and the algorithm; the key cache, the key (RSA of 2048 to 8192 bits, exponent 65537).
 */
function isRs256SignatureValid(token: string, key: KeyObject): boolean {
  const signatureStart = token.lastIndexOf('.');
  const encoded = token.slice(signatureStart + 1);
  const signature = Buffer.from(encoded, 'base64url');
  // Only the canonical encoding: Buffer drops a dangling last character that atob would refuse.
  if (signature.length === 0 || signature.toString('base64url') !== encoded) return false;
  try {
    return verify('sha256', Buffer.from(token.slice(0, signatureStart), 'latin1'), { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

/** §5.1.3 steps 2–4: exact issuer; our client_id in aud; azp when present or needed. */
function checkIssuerAndAudience(claims: Record<string, unknown>, platform: { issuer: string; clientId: string }): void {
  if (claims.iss !== platform.issuer) throw new LtiError('issuer_unknown');
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : isStringArray(aud) ? aud : undefined;
  if (audiences === undefined || !audiences.includes(platform.clientId)) throw new LtiError('audience_invalid');
  // §5.1.3 step 5: with several audiences azp is required; if present it must be our client_id.
  if (audiences.length > 1 && claims.azp === undefined) throw new LtiError('azp_invalid', 'azp missing with several audiences');
  if (claims.azp !== undefined && claims.azp !== platform.clientId) throw new LtiError('azp_invalid');
}

/** §5.1.3 steps 7–8: not expired, not issued in the future, both with a small skew. */
function checkTimes(claims: Record<string, unknown>, nowSeconds: number): number {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new LtiError('claim_invalid', 'exp missing');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new LtiError('claim_invalid', 'iat missing');
  if (exp + CLOCK_SKEW_SECONDS <= nowSeconds) throw new LtiError('token_expired');
  if (iat - CLOCK_SKEW_SECONDS > nowSeconds) throw new LtiError('issued_in_future');
  return exp;
}

/** §5.1.3 step 9: the nonce must be the one this browser's login sent (replay is the caller's). */
function checkNonce(claims: Record<string, unknown>, expectedNonce: string): void {
  const nonce = claims.nonce;
  if (typeof nonce !== 'string' || expectedNonce.length === 0) throw new LtiError('nonce_mismatch', 'nonce missing');
  const actual = Buffer.from(nonce);
  const wanted = Buffer.from(expectedNonce);
  if (actual.length !== wanted.length || !timingSafeEqual(actual, wanted)) throw new LtiError('nonce_mismatch');
}

/** Core 1.3 §5.3: deployment, message type, version, resource link, roles, target link, in order. */
function checkLtiClaims(claims: Record<string, unknown>, expected: LaunchExpectations) {
  const deploymentId = claims[LTI_CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || deploymentId.length === 0) throw new LtiError('deployment_missing');
  const known = expected.deploymentIds instanceof Set ? expected.deploymentIds : new Set(expected.deploymentIds);
  if (!known.has(deploymentId)) throw new LtiError('deployment_unknown', `deployment ${deploymentId}`);
  if (expected.loginDeploymentId !== undefined && expected.loginDeploymentId !== deploymentId) {
    throw new LtiError('deployment_unknown', 'deployment differs from lti_deployment_id of the login');
  }
  const messageType = claims[LTI_CLAIM.messageType];
  if (!LTI_MESSAGE_TYPES.includes(messageType as LtiMessageType)) throw new LtiError('message_type_invalid');
  if (claims[LTI_CLAIM.version] !== LTI_VERSION) throw new LtiError('version_invalid');
  // §5.3.5: a resource link launch names its link; its id is what grades and progress hang on.
  const resourceLink = claims[LTI_CLAIM.resourceLink];
  if (messageType === 'LtiResourceLinkRequest' && !(isRecord(resourceLink) && typeof resourceLink.id === 'string' && resourceLink.id.length > 0)) {
    throw new LtiError('resource_link_missing');
  }
  // §5.3.7: the roles claim is required; an empty array is allowed (anonymous or unknown role).
  const roles = claims[LTI_CLAIM.roles];
  if (!isStringArray(roles)) throw new LtiError('roles_missing');
  const targetLinkUri = claims[LTI_CLAIM.targetLinkUri];
  if (typeof targetLinkUri !== 'string' || !isOnOrigin(targetLinkUri, expected.toolOrigin)) {
    throw new LtiError('target_link_uri_invalid', 'not on our origin');
  }
  if (targetLinkUri !== expected.targetLinkUri) throw new LtiError('target_link_uri_invalid', 'differs from login');
  return {
    messageType: messageType as LtiMessageType,
    issuer: expected.platform.issuer,
    clientId: expected.platform.clientId,
    deploymentId,
    roles: [...roles],
    targetLinkUri,
  };
}

function isOnOrigin(url: string, origin: string): boolean {
  return URL.canParse(url) && new URL(url).origin === new URL(origin).origin;
}
