/**
 * Writing State, Activity Profile and Agent Profile documents (Communication §2.2) under the
 * concurrency rules of §3.1. The check of the current ETag and the write are one transaction
 * holding a lock on the document's address, so two writers with the same If-Match cannot both
 * succeed (the second sees the first's ETag and gets 412).
 */
import { sql } from 'drizzle-orm';

import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors.ts';
import { deleteDocuments, readDocument, writeDocument, type DocumentAddress } from '../storage/document-store.ts';
import { mergeJsonDocuments } from './merge-document.ts';
import { computeEtag, evaluatePreconditions } from './preconditions.ts';

export const DEFAULT_DOCUMENT_CONTENT_TYPE = 'application/octet-stream';

export interface Preconditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  isConflictWithoutHeaders: boolean;
  /**
   * xAPI 1.0.3 Communication §3.1: a client MUST send If-Match or If-None-Match with a PUT to the
   * Activity and Agent Profile resources; without either, a new document is a 400 (XAPI-00273,
   * XAPI-00287) and an existing one a 409. xAPI 2.0 lets a PUT create a document without them.
   */
  isHeaderRequired: boolean;
}

export interface DocumentBody {
  content: Buffer;
  contentType: string | undefined;
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function lockAddress(db: Database, address: DocumentAddress, documentId: string): Promise<void> {
  const key = JSON.stringify([address.kind, address.scopeKey, address.activityId ?? '', address.agentKey ?? '', address.registration ?? '', documentId]);
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

function check(method: 'PUT' | 'POST' | 'DELETE', preconditions: Preconditions, currentEtag: string | undefined): void {
  const outcome = evaluatePreconditions({ method, ...preconditions, currentEtag });
  if (!outcome.ok) throw new AppError(outcome.status === 409 ? 'conflict' : 'precondition_failed', outcome.message);
}

/** PUT: stores the document as sent, replacing any previous one. */
export async function putDocument(db: Database, address: DocumentAddress, documentId: string, body: DocumentBody, preconditions: Preconditions): Promise<void> {
  await db.transaction(async (transaction) => {
    await lockAddress(transaction, address, documentId);
    const current = await readDocument(transaction, address, documentId);
    check('PUT', preconditions, current?.etag);
    const hasHeader = preconditions.ifMatch !== undefined || preconditions.ifNoneMatch !== undefined;
    if (preconditions.isHeaderRequired && !hasHeader) throw new AppError('bad_request', 'If-Match: or If-None-Match is required to PUT this document');
    await writeDocument(transaction, address, {
      documentId,
      contentType: body.contentType ?? DEFAULT_DOCUMENT_CONTENT_TYPE,
      content: body.content,
      etag: computeEtag(body.content),
      updated: new Date(),
    });
  });
}

/** POST: merges a JSON object into the stored one (or stores it when there is none). */
export async function postDocument(db: Database, address: DocumentAddress, documentId: string, body: DocumentBody, preconditions: Preconditions): Promise<void> {
  await db.transaction(async (transaction) => {
    await lockAddress(transaction, address, documentId);
    const current = await readDocument(transaction, address, documentId);
    check('POST', preconditions, current?.etag);
    const merged = mergeJsonDocuments(
      current === undefined ? undefined : { text: current.content.toString('utf8'), isJson: isJsonContentType(current.contentType) },
      { text: body.content.toString('utf8'), isJson: isJsonContentType(body.contentType) },
    );
    if (!merged.ok) throw new AppError('bad_request', merged.message);
    const content = Buffer.from(JSON.stringify(merged.merged), 'utf8');
    await writeDocument(transaction, address, { documentId, contentType: 'application/json', content, etag: computeEtag(content), updated: new Date() });
  });
}

/** DELETE: one document (If-Match honoured), or every document at the address when no id is given. */
export async function deleteDocument(db: Database, address: DocumentAddress, documentId: string | undefined, preconditions: Preconditions): Promise<void> {
  if (documentId === undefined) {
    await deleteDocuments(db, address);
    return;
  }
  await db.transaction(async (transaction) => {
    await lockAddress(transaction, address, documentId);
    const current = await readDocument(transaction, address, documentId);
    check('DELETE', { ...preconditions, isConflictWithoutHeaders: false }, current?.etag);
    await deleteDocuments(transaction, address, documentId);
  });
}
