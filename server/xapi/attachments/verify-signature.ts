/**
 * Data §2.6 Signed Statements. A signature is an Attachment with usageType
 * `http://adlnet.gov/expapi/attachments/signature`, contentType `application/octet-stream`, whose
 * data is a JWS (compact serialisation, §2.6.s4.b2) over the Statement as it was before the
 * signature was added. The LRS rejects malformed signatures (§2.6.s5.b1) after: decoding the JWS
 * and its payload (s5.b3.b1), checking the payload is logically equivalent to the Statement
 * (s5.b3.b2, with the comparison rules of §2.3.1), verifying against the x5c certificate when the
 * header has one (s5.b3.b3), and the algorithm rule RS256/RS384/RS512 (s4.b4, s5.b3.b4).
 */
import { X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { isSameStatement } from '../statements/compare-statements.ts';
import type { Statement } from '../types.ts';
import type { AttachmentCheck } from './verify-attachments.ts';

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';
export const SIGNATURE_CONTENT_TYPE = 'application/octet-stream';
export const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;
/** A JWS over one Statement; far above any real one, low enough to bound the decoding work. */
export const SIGNATURE_BYTES_MAX = 1_048_576;

const COMPACT_JWS_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function isSignatureAttachment(attachment: { usageType: string }): boolean {
  return attachment.usageType === SIGNATURE_USAGE_TYPE;
}

function decodePayload(jws: string): AttachmentCheck<Record<string, unknown>> {
  const payloadPart = jws.split('.')[1] ?? '';
  try {
    const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as unknown;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('not an object');
    return { ok: true, value: payload as Record<string, unknown> };
  } catch {
    return { ok: false, message: 'signature: the JWS payload must be a JSON serialisation of the Statement' };
  }
}

/** The Statement minus its signature Attachment(s): what the signer signed. */
function withoutSignature(statement: Statement): Record<string, unknown> {
  const { attachments, ...rest } = statement;
  const others = (attachments ?? []).filter((attachment) => !isSignatureAttachment(attachment));
  return others.length === 0 ? rest : { ...rest, attachments: others };
}

async function verifyWithCertificate(jws: string, x5c: unknown): Promise<AttachmentCheck<true>> {
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') {
    return { ok: false, message: 'signature: x5c must be an array of base64 certificates' };
  }
  try {
    const certificate = new X509Certificate(Buffer.from(x5c[0], 'base64'));
    await compactVerify(jws, certificate.publicKey, { algorithms: [...SIGNATURE_ALGORITHMS] });
    return { ok: true, value: true };
  } catch {
    return { ok: false, message: 'signature: does not verify against its x5c certificate' };
  }
}

/** Checks one signature Attachment's metadata and data against its Statement. */
export async function verifyStatementSignature(
  statement: Statement,
  attachment: { contentType: string },
  data: Buffer,
): Promise<AttachmentCheck<true>> {
  if (attachment.contentType !== SIGNATURE_CONTENT_TYPE) {
    return { ok: false, message: `signature: contentType must be ${SIGNATURE_CONTENT_TYPE}` };
  }
  if (data.length > SIGNATURE_BYTES_MAX) return { ok: false, message: 'signature: is too large' };
  const jws = data.toString('utf8').trim();
  if (!COMPACT_JWS_PATTERN.test(jws)) return { ok: false, message: 'signature: must be a JWS in compact serialisation' };
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch {
    return { ok: false, message: 'signature: the JWS header is not valid JSON' };
  }
  if (!(SIGNATURE_ALGORITHMS as readonly unknown[]).includes(header.alg)) {
    return { ok: false, message: `signature: alg must be one of ${SIGNATURE_ALGORITHMS.join(', ')}` };
  }
  const payload = decodePayload(jws);
  if (!payload.ok) return payload;
  if (!isSameStatement(payload.value, withoutSignature(statement))) {
    return { ok: false, message: 'signature: the JWS payload does not match the Statement' };
  }
  return header.x5c === undefined ? { ok: true, value: true } : verifyWithCertificate(jws, header.x5c);
}
