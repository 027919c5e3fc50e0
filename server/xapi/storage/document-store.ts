import { and, eq, gt, type SQL } from 'drizzle-orm';

import type { Database } from '../../db/index.ts';
import { xapiDocuments } from '../../db/schema.ts';

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Which documents: kind, owner scope and the resource's own keys ('' where a key does not apply). */
export interface DocumentAddress {
  kind: DocumentKind;
  scopeKey: string;
  activityId?: string;
  agentKey?: string;
  registration?: string;
}

export interface StoredDocument {
  documentId: string;
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

function addressConditions(address: DocumentAddress): SQL[] {
  return [
    eq(xapiDocuments.kind, address.kind),
    eq(xapiDocuments.scopeKey, address.scopeKey),
    eq(xapiDocuments.activityId, address.activityId ?? ''),
    eq(xapiDocuments.agentKey, address.agentKey ?? ''),
    eq(xapiDocuments.registration, address.registration ?? ''),
  ];
}

export async function readDocument(db: Database, address: DocumentAddress, documentId: string): Promise<StoredDocument | undefined> {
  const rows = await db
    .select({ documentId: xapiDocuments.documentId, contentType: xapiDocuments.contentType, content: xapiDocuments.content, etag: xapiDocuments.etag, updated: xapiDocuments.updated })
    .from(xapiDocuments)
    .where(and(...addressConditions(address), eq(xapiDocuments.documentId, documentId)))
    .limit(1);
  return rows[0];
}

/** Ids of the documents at an address, changed after `since` when given (the `since` listing). */
export async function listDocumentIds(db: Database, address: DocumentAddress, since?: Date): Promise<string[]> {
  const conditions = addressConditions(address);
  if (since !== undefined) conditions.push(gt(xapiDocuments.updated, since));
  const rows = await db.select({ documentId: xapiDocuments.documentId }).from(xapiDocuments).where(and(...conditions)).orderBy(xapiDocuments.documentId);
  return rows.map((row) => row.documentId);
}

export async function writeDocument(db: Database, address: DocumentAddress, document: StoredDocument): Promise<void> {
  const values = {
    kind: address.kind,
    scopeKey: address.scopeKey,
    activityId: address.activityId ?? '',
    agentKey: address.agentKey ?? '',
    registration: address.registration ?? '',
    ...document,
  };
  await db
    .insert(xapiDocuments)
    .values(values)
    .onConflictDoUpdate({
      target: [xapiDocuments.kind, xapiDocuments.scopeKey, xapiDocuments.activityId, xapiDocuments.agentKey, xapiDocuments.registration, xapiDocuments.documentId],
      set: { contentType: document.contentType, content: document.content, etag: document.etag, updated: document.updated },
    });
}

/** Deletes one document, or every document at the address when no id is given (State DELETE). */
export async function deleteDocuments(db: Database, address: DocumentAddress, documentId?: string): Promise<void> {
  const conditions = addressConditions(address);
  if (documentId !== undefined) conditions.push(eq(xapiDocuments.documentId, documentId));
  await db.delete(xapiDocuments).where(and(...conditions));
}
