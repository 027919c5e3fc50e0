/**
 * Reading Statements for GET /statements (Communication §2.1.3): one by id, or a page of a query
 * with a `more` cursor. The cursor carries the query's parameters and the last `seq` returned, so
 * the next page continues exactly after it (never an OFFSET: new Statements do not shift pages).
 * Who may see what is applied on every page: the cursor grants nothing by itself.
 */
import { inArray } from 'drizzle-orm';

import type { Database } from '../../db/index.ts';
import { statementAttachments } from '../../db/schema.ts';
import { agentKey } from '../agents/agent-identity.ts';
import { findStatement, queryStatements } from '../storage/statement-store.ts';
import type { Actor, StoredStatement } from '../types.ts';
import type { StatementQuery } from './query-params.ts';

/** Bounds the work of decoding a `more` token; real ones are well under 2 KB. */
export const MORE_TOKEN_LENGTH_MAX = 16_384;

/** Whose Statements a reader may see; undefined fields do not restrict. */
export interface ReadScope {
  organisationId: string | undefined;
  /** statements/read/mine */
  credentialId: string | undefined;
  /** A launch session: its own learner and registration only. */
  agent: Actor | undefined;
  registration: string | undefined;
}

export interface StatementRow {
  seq: number;
  stored: Date;
  statement: StoredStatement;
}

interface MoreCursor {
  params: Record<string, string>;
  afterSeq: number;
}

export function encodeMoreCursor(params: Readonly<Record<string, string>>, afterSeq: number): string {
  return Buffer.from(JSON.stringify({ p: params, s: afterSeq }), 'utf8').toString('base64url');
}

/** Undefined when the token is not one this LRS issued (or was altered beyond use). */
export function decodeMoreCursor(token: string): MoreCursor | undefined {
  if (token.length > MORE_TOKEN_LENGTH_MAX) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p?: unknown; s?: unknown };
    const params = value.p;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
    if (!Object.values(params).every((item) => typeof item === 'string')) return undefined;
    if (typeof value.s !== 'number' || !Number.isSafeInteger(value.s) || value.s < 0) return undefined;
    return { params: params as Record<string, string>, afterSeq: value.s };
  } catch {
    return undefined;
  }
}

function isVisible(statement: StoredStatement, scope: ReadScope): boolean {
  if (scope.agent !== undefined && agentKey(statement.actor) !== agentKey(scope.agent)) return false;
  return scope.registration === undefined || statement.context?.registration === scope.registration;
}

/** One Statement by id (or a voided one by voidedStatementId), if the reader may see it. */
export async function readStatement(db: Database, statementId: string, isVoided: boolean, scope: ReadScope): Promise<StatementRow | undefined> {
  const row = await findStatement(db, statementId, { isVoided, organisationId: scope.organisationId, credentialId: scope.credentialId });
  if (row === undefined) return undefined;
  const statement = row.statement as unknown as StoredStatement;
  return isVisible(statement, scope) ? { seq: row.seq, stored: row.stored, statement } : undefined;
}

export type ListQuery = Extract<StatementQuery, { kind: 'list' }>;

/** A page of a query; `afterSeq` continues a previous page. */
export async function readStatementPage(
  db: Database,
  query: ListQuery,
  scope: ReadScope,
  afterSeq: number | undefined,
): Promise<{ rows: StatementRow[]; hasMore: boolean }> {
  // A session's forced filters replace what it asked for only when it asked for nothing narrower:
  // asking for another learner simply finds nothing (the agent filters are combined below).
  const agent = scope.agent ?? query.agent;
  const askedAgentKey = query.agent === undefined ? undefined : agentKey(query.agent);
  if (scope.agent !== undefined && askedAgentKey !== undefined && askedAgentKey !== agentKey(scope.agent)) return { rows: [], hasMore: false };
  if (scope.registration !== undefined && query.registration !== undefined && query.registration !== scope.registration) return { rows: [], hasMore: false };
  const result = await queryStatements(db, {
    agent: agent === undefined ? undefined : agentKey(agent),
    isRelatedAgents: scope.agent === undefined ? query.relatedAgents : query.agent !== undefined && query.relatedAgents,
    verb: query.verb,
    activity: query.activity,
    isRelatedActivities: query.relatedActivities,
    registration: scope.registration ?? query.registration,
    since: query.since === undefined ? undefined : new Date(query.since),
    until: query.until === undefined ? undefined : new Date(query.until),
    isAscending: query.ascending,
    limit: query.limit,
    afterSeq,
    organisationId: scope.organisationId,
    credentialId: scope.credentialId,
  });
  return { rows: result.rows.map((row) => ({ ...row, statement: row.statement as unknown as StoredStatement })), hasMore: result.hasMore };
}

/** The SHA-2 hashes of every Attachment of these Statements (SubStatements included). */
function attachmentHashes(statements: readonly StoredStatement[]): string[] {
  const hashes = new Set<string>();
  for (const statement of statements) {
    for (const attachment of statement.attachments ?? []) hashes.add(attachment.sha2.toLowerCase());
    if (statement.object.objectType === 'SubStatement') {
      for (const attachment of statement.object.attachments ?? []) hashes.add(attachment.sha2.toLowerCase());
    }
  }
  return [...hashes];
}

/** Stored attachment contents of these Statements (those sent with fileUrl only have no content). */
export async function readAttachments(db: Database, statements: readonly StoredStatement[]): Promise<Array<{ sha2: string; contentType: string; content: Buffer }>> {
  const hashes = attachmentHashes(statements);
  if (hashes.length === 0) return [];
  return db
    .select({ sha2: statementAttachments.sha2, contentType: statementAttachments.contentType, content: statementAttachments.content })
    .from(statementAttachments)
    .where(inArray(statementAttachments.sha2, hashes));
}
