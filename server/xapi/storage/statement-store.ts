import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';

import { selectRows, type Database } from '../../db/index.ts';
import { statementRelations, statements, xapiActivities } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { agentKey } from '../agents/agent-identity.ts';
import type { InverseFunctionalIdentifier } from '../types.ts';
import { collectRelations } from './collect-relations.ts';

type Json = Record<string, unknown>;
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
/** Depth to which statements referring (StatementRef) to a matched statement are also returned. */
export const STATEMENT_REF_DEPTH_MAX = 10;

export interface StoreScope {
  /** Owner of the credential or session; null for tool-wide credentials. */
  organisationId: string | null;
  credentialId: string | null;
}

/**
 * Stores prepared statements (validated; id, stored, timestamp, authority and version set) in
 * the caller's transaction. An id that exists already is accepted silently when the statement is
 * the same and refused with 409 when it differs (xAPI Data §2.3 immutability); the caller's
 * transaction makes a refused batch store nothing. Returns the statements actually added.
 */
export async function insertStatements(
  db: Database,
  prepared: readonly Json[],
  scope: StoreScope,
  isSameStatement: (stored: Json, incoming: Json) => boolean,
): Promise<Json[]> {
  const ids = prepared.map((statement) => String(statement.id));
  const existing = ids.length === 0 ? [] : await db.select({ id: statements.id, statement: statements.statement }).from(statements).where(inArray(statements.id, ids));
  const existingById = new Map(existing.map((row) => [row.id, row.statement as Json]));
  const added: Json[] = [];
  for (const statement of prepared) {
    const stored = existingById.get(String(statement.id));
    if (stored !== undefined) {
      if (!isSameStatement(stored, statement)) throw new AppError('conflict', `A different statement with id ${String(statement.id)} is already stored.`);
      continue;
    }
    added.push(statement);
  }
  for (const statement of added) await insertOne(db, statement, scope);
  const voidedIds = added.filter(isVoiding).map((statement) => String((statement.object as Json).id));
  if (voidedIds.length > 0) {
    // A voiding statement cannot void another voiding statement (xAPI Data §2.3.2).
    await db.update(statements).set({ isVoided: true }).where(and(inArray(statements.id, voidedIds), ne(statements.verbId, VOIDED_VERB)));
  }
  return added;
}

function isVoiding(statement: Json): boolean {
  const object = statement.object as Json | undefined;
  return (statement.verb as Json | undefined)?.id === VOIDED_VERB && object?.objectType === 'StatementRef' && typeof object.id === 'string';
}

async function insertOne(db: Database, statement: Json, scope: StoreScope): Promise<void> {
  const object = (statement.object ?? {}) as Json;
  const objectType = object.objectType ?? 'Activity';
  const context = (statement.context ?? {}) as Json;
  const [row] = await db
    .insert(statements)
    .values({
      id: String(statement.id),
      stored: new Date(String(statement.stored)),
      timestamp: new Date(String(statement.timestamp)),
      organisationId: scope.organisationId,
      credentialId: scope.credentialId,
      actorKey: agentKey(statement.actor as InverseFunctionalIdentifier) ?? '',
      objectAgentKey: objectType === 'Agent' || objectType === 'Group' ? (agentKey(object as InverseFunctionalIdentifier) ?? null) : null,
      verbId: String((statement.verb as Json).id),
      activityId: objectType === 'Activity' ? String(object.id) : null,
      statementRef: objectType === 'StatementRef' ? String(object.id) : null,
      registration: typeof context.registration === 'string' ? context.registration : null,
      statement,
    })
    .returning({ seq: statements.seq });
  if (row === undefined) throw new Error('statement insert returned nothing');
  const relations = collectRelations(statement);
  const relationRows = [
    ...[...relations.agents].map((key) => ({ seq: row.seq, kind: 'agent', key })),
    ...[...relations.activities].map((key) => ({ seq: row.seq, kind: 'activity', key })),
  ];
  if (relationRows.length > 0) await db.insert(statementRelations).values(relationRows).onConflictDoNothing();
  if (objectType === 'Activity' && typeof object.definition === 'object' && object.definition !== null) {
    await db
      .insert(xapiActivities)
      .values({ scopeKey: scope.organisationId ?? '', activityId: String(object.id), definition: object.definition })
      .onConflictDoUpdate({ target: [xapiActivities.scopeKey, xapiActivities.activityId], set: { definition: mergedDefinition, updated: new Date() } });
  }
}

/**
 * The canonical definition gathers what every statement said about the Activity (xAPI
 * Communication §2.5, XAPI-00254): newer properties replace older ones, except the language maps
 * `name` and `description`, whose languages are combined.
 */
const mergedDefinition = sql.raw(`(xapi_activities.definition || excluded.definition) || jsonb_strip_nulls(jsonb_build_object(
  'name', (xapi_activities.definition -> 'name') || (excluded.definition -> 'name'),
  'description', (xapi_activities.definition -> 'description') || (excluded.definition -> 'description')))`);

export interface StatementFilter {
  agent?: string | undefined;
  isRelatedAgents?: boolean;
  verb?: string | undefined;
  activity?: string | undefined;
  isRelatedActivities?: boolean;
  registration?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  isAscending?: boolean;
  limit: number;
  /** Continue after this seq (the `more` cursor). */
  afterSeq?: number | undefined;
  /** Only this organisation's statements; undefined: every organisation (tool-wide credential). */
  organisationId?: string | undefined;
  /** statements/read/mine: only statements stored with this credential. */
  credentialId?: string | undefined;
}

/** One statement by id; voided ones only when asked for as voided (xAPI Communication §2.1.4). */
export async function findStatement(db: Database, id: string, options: { isVoided: boolean; organisationId?: string | undefined; credentialId?: string | undefined }): Promise<{ seq: number; stored: Date; statement: Json } | undefined> {
  const conditions = [eq(statements.id, id), eq(statements.isVoided, options.isVoided)];
  if (options.organisationId !== undefined) conditions.push(eq(statements.organisationId, options.organisationId));
  if (options.credentialId !== undefined) conditions.push(eq(statements.credentialId, options.credentialId));
  const rows = await db.select({ seq: statements.seq, stored: statements.stored, statement: statements.statement }).from(statements).where(and(...conditions)).limit(1);
  const row = rows[0];
  return row === undefined ? undefined : { ...row, statement: row.statement as Json };
}

/**
 * Statements matching a filter, in storage order, never voided ones; statements that refer by
 * StatementRef to a matching statement are included too (xAPI Communication §2.1.3). Pages by
 * seq: asks for `limit + 1` rows to know whether there is more.
 */
export async function queryStatements(db: Database, filter: StatementFilter): Promise<{ rows: Array<{ seq: number; stored: Date; statement: Json }>; hasMore: boolean }> {
  const matched = sql`select s.seq, s.id from statements s where ${sql.join(matchConditions(filter), sql` and `)}`;
  const direction = filter.isAscending === true ? sql`asc` : sql`desc`;
  const cursor = filter.afterSeq === undefined ? sql`true` : filter.isAscending === true ? sql`s.seq > ${filter.afterSeq}` : sql`s.seq < ${filter.afterSeq}`;
  const scope = scopeConditions(filter);
  const query = sql`with recursive matched(seq, id, depth) as (
      select m.seq, m.id, 0 from (${matched}) m
      union
      select s.seq, s.id, matched.depth + 1 from statements s join matched on s.statement_ref = matched.id
      where matched.depth < ${STATEMENT_REF_DEPTH_MAX} and ${sql.join(scope, sql` and `)}
    )
    select s.seq as seq, s.stored as stored, s.statement as statement from statements s
    where s.seq in (select seq from matched) and s.is_voided = false and ${cursor} and ${sinceUntil(filter)}
    order by s.seq ${direction} limit ${filter.limit + 1}`;
  const rows = await selectRows<{ seq: number | string; stored: Date | string; statement: Json | string }>(db, query);
  const normalised = rows.map((row) => ({
    seq: Number(row.seq),
    stored: row.stored instanceof Date ? row.stored : new Date(row.stored),
    statement: (typeof row.statement === 'string' ? JSON.parse(row.statement) : row.statement) as Json,
  }));
  return { rows: normalised.slice(0, filter.limit), hasMore: normalised.length > filter.limit };
}

function scopeConditions(filter: StatementFilter): SQL[] {
  const conditions: SQL[] = [sql`true`];
  if (filter.organisationId !== undefined) conditions.push(sql`s.organisation_id = ${filter.organisationId}`);
  if (filter.credentialId !== undefined) conditions.push(sql`s.credential_id = ${filter.credentialId}`);
  return conditions;
}

function sinceUntil(filter: StatementFilter): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filter.since !== undefined) conditions.push(sql`s.stored > ${filter.since.toISOString()}::timestamptz`);
  if (filter.until !== undefined) conditions.push(sql`s.stored <= ${filter.until.toISOString()}::timestamptz`);
  return sql.join(conditions, sql` and `);
}

/**
 * Voided statements are matched too, though never returned: statements that refer to a voided
 * statement matching the filter are still returned (xAPI Communication §2.1.4.s1.b2).
 */
function matchConditions(filter: StatementFilter): SQL[] {
  const conditions = [...scopeConditions(filter)];
  if (filter.agent !== undefined) {
    conditions.push(
      filter.isRelatedAgents === true
        ? sql`exists (select 1 from statement_relations r where r.seq = s.seq and r.kind = 'agent' and r.key = ${filter.agent})`
        : // Without related_agents: the agent as actor or as object (xAPI Communication §2.1.3).
          sql`(s.actor_key = ${filter.agent} or s.object_agent_key = ${filter.agent})`,
    );
  }
  if (filter.verb !== undefined) conditions.push(sql`s.verb_id = ${filter.verb}`);
  if (filter.activity !== undefined) {
    conditions.push(
      filter.isRelatedActivities === true
        ? sql`exists (select 1 from statement_relations r where r.seq = s.seq and r.kind = 'activity' and r.key = ${filter.activity})`
        : sql`s.activity_id = ${filter.activity}`,
    );
  }
  if (filter.registration !== undefined) conditions.push(sql`s.registration = ${filter.registration}`);
  return conditions;
}
