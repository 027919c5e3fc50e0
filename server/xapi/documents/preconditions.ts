/**
 * Communication §3.1 Concurrency: ETags and the If-Match / If-None-Match rules of the document
 * resources (State, Activity Profile, Agent Profile).
 */
import { createHash } from 'node:crypto';

/** The ETag of a document: the quoted SHA-1 hex of its bytes, as the conformance suite computes it. */
export function computeEtag(content: Buffer | string): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

function listEtags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter((tag) => tag !== '');
}

/** RFC 7232 §3.1/§3.2: does the header match the current ETag (undefined: no document)? */
function matches(header: string, currentEtag: string | undefined): boolean {
  if (currentEtag === undefined) return false;
  const tags = listEtags(header);
  return tags.includes('*') || tags.includes(currentEtag);
}

export type PreconditionOutcome = { ok: true } | { ok: false; status: 409 | 412; message: string };

export interface PreconditionInput {
  method: 'PUT' | 'POST' | 'DELETE';
  ifMatch?: string;
  ifNoneMatch?: string;
  currentEtag: string | undefined;
  /** §3.1.s3.b5 applies to a PUT that would overwrite: a 409 when neither header is given. */
  isConflictWithoutHeaders: boolean;
}

/**
 * §3.1.s3: If-Match that does not match → 412; If-None-Match "*" (or a listed ETag) on an
 * existing document → 412; a PUT on an existing document with neither header → 409 (the LRS
 * must not overwrite blindly: for Activity and Agent Profiles in 1.0.3, for every document
 * resource in 2.0 — the caller passes `isConflictWithoutHeaders`).
 */
export function evaluatePreconditions(input: PreconditionInput): PreconditionOutcome {
  if (input.ifMatch !== undefined && !matches(input.ifMatch, input.currentEtag)) {
    return { ok: false, status: 412, message: 'If-Match: does not match the current document' };
  }
  if (input.ifNoneMatch !== undefined && matches(input.ifNoneMatch, input.currentEtag)) {
    return { ok: false, status: 412, message: 'If-None-Match: the document exists' };
  }
  const hasHeader = input.ifMatch !== undefined || input.ifNoneMatch !== undefined;
  if (input.method === 'PUT' && !hasHeader && input.currentEtag !== undefined && input.isConflictWithoutHeaders) {
    return { ok: false, status: 409, message: 'PUT on an existing document needs If-Match or If-None-Match' };
  }
  return { ok: true };
}

export type DocumentResource = 'state' | 'activityProfile' | 'agentProfile';

/**
 * Whether a PUT without If-Match/If-None-Match on an existing document is a 409. xAPI 1.0.3
 * (Communication §3.1) requires it for the Activity and Agent Profile resources; xAPI 2.0 extends
 * optimistic concurrency to the State resource too (the 2.0 conformance suite tests all three).
 */
export function isConflictWithoutHeaders(resource: DocumentResource, version: '1.0' | '2.0'): boolean {
  return resource !== 'state' || version === '2.0';
}
