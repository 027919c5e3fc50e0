/**
 * Communication §1.5.2: matching the raw parts of a `multipart/mixed` request to the Attachment
 * objects of its Statements, by SHA-2 only (§1.5.2.s1.b4).
 */
import { createHash } from 'node:crypto';
import type { Attachment } from '../types.ts';
import type { MultipartPart } from './multipart.ts';

export type AttachmentCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** Data §2.4.11 sha2: the hash algorithm follows from the hex length. */
const SHA2_ALGORITHM_BY_HEX_LENGTH: Readonly<Record<number, string>> = {
  56: 'sha224',
  64: 'sha256',
  96: 'sha384',
  128: 'sha512',
};

export function computeSha2(body: Buffer, hexLength: number): string | undefined {
  const algorithm = SHA2_ALGORITHM_BY_HEX_LENGTH[hexLength];
  return algorithm === undefined ? undefined : createHash(algorithm).update(body).digest('hex');
}

function contentTypeOf(part: MultipartPart): string {
  return (part.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * §1.5.2.s2.b2.b1 and b6: the first part holds the Statements, as `application/json`. Returns its
 * text for the caller to parse and validate.
 */
export function readStatementsPart(parts: readonly MultipartPart[]): AttachmentCheck<string> {
  const first = parts[0];
  if (first === undefined) return { ok: false, message: 'multipart body: has no parts' };
  if (contentTypeOf(first) !== 'application/json') {
    return { ok: false, message: 'multipart body: the first part must have Content-Type application/json' };
  }
  return { ok: true, value: first.body.toString('utf8') };
}

/** Checks one attachment part's headers and hash; returns its declared, verified hash. */
function verifyPart(part: MultipartPart, index: number): AttachmentCheck<string> {
  const hash = part.headers['x-experience-api-hash'];
  if (hash === undefined) return { ok: false, message: `multipart part ${index}: X-Experience-API-Hash header is required` };
  // §1.5.2.s2.b2.b4; §1.5.2.s3.b6 lets the LRS assume binary when the header is absent.
  const encoding = part.headers['content-transfer-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    return { ok: false, message: `multipart part ${index}: Content-Transfer-Encoding must be binary` };
  }
  const actual = computeSha2(part.body, hash.length);
  if (actual === undefined || actual !== hash.toLowerCase()) {
    return { ok: false, message: `multipart part ${index}: content does not match its X-Experience-API-Hash` };
  }
  return { ok: true, value: actual };
}

/**
 * Verifies every attachment part and that each declared Attachment without a fileUrl has a part
 * (§1.5.2.s3.b5); a part no Attachment declares is also a rejection. Returns parts by sha2.
 */
export function matchAttachmentParts(
  attachments: readonly Attachment[],
  parts: readonly MultipartPart[],
): AttachmentCheck<Map<string, MultipartPart>> {
  const byHash = new Map<string, MultipartPart>();
  for (const [offset, part] of parts.slice(1).entries()) {
    const verified = verifyPart(part, offset + 1);
    if (!verified.ok) return verified;
    byHash.set(verified.value, part);
  }
  const declared = new Set(attachments.map((attachment) => attachment.sha2.toLowerCase()));
  for (const attachment of attachments) {
    const part = byHash.get(attachment.sha2.toLowerCase());
    if (part === undefined && attachment.fileUrl === undefined) {
      return { ok: false, message: `attachment ${attachment.sha2}: no part with this sha2 and no fileUrl` };
    }
  }
  for (const hash of byHash.keys()) {
    if (!declared.has(hash)) return { ok: false, message: `multipart part with hash ${hash}: no Attachment declares it` };
  }
  return { ok: true, value: byHash };
}
