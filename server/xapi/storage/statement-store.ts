import { strict as assert } from 'node:assert';

import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';

import { arrayLiteral } from '../../db/array-literal.ts';
import type { Database } from '../../db/index.ts';
import { selectPreparedRows } from '../../db/prepared-rows.ts';
import { statementIds, statements } from '../../db/schema.ts';
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
 * the caller's transaction, in one SQL statement whatever the size of the batch: each id is
 * claimed in `statement_ids`, and the statements and their relations are inserted for the ids
 * claimed. An id that exists already (or is being stored by a concurrent request, which the
 * claim waits for) is accepted silently when the statement is the same and refused with 409 when
 * it differs (xAPI Data §2.3 immutability); the caller's transaction makes a refused batch store
 * nothing. Returns the statements actually added.
 */
export async function insertStatements(
  db: Database,
  prepared: readonly Json[],
  scope: StoreScope,
  isSameStatement: (stored: Json, incoming: Json) => boolean,
  /** Another data-modifying statement to run in the same SQL statement (the forwarding wake), named. */
  alongside: { name: string; query: SQL } = { name: 'nothing', query: sql`select 1` },
): Promise<Json[]> {
  if (prepared.length === 0) return [];
  const rows = prepared.map(statementRow);
  const relations = prepared.flatMap((statement) => relationRowsOf(statement));
  const definitions = [...activityDefinitions(prepared)];
  const column = <K extends keyof StatementRow>(key: K) => arrayLiteral(rows.map((row) => row[key]));
  // A named prepared statement: its text is the same for every batch (the batch travels in the
  // array parameters), so PostgreSQL parses and plans it once per connection.
  const added = await selectPreparedRows<{ id: string; seq: number | string }>(
    db,
    `insert_statements_with_${alongside.name}`,
    ['id', 'seq'],
    sql`with input as (
        select * from unnest(${column('id')}::uuid[], ${column('stored')}::timestamptz[], ${column('timestamp')}::timestamptz[], ${column('actorKey')}::text[],
          ${column('objectAgentKey')}::text[], ${column('verbId')}::text[], ${column('activityId')}::text[], ${column('statementRef')}::uuid[],
          ${column('registration')}::uuid[], ${column('json')}::jsonb[])
          as v(id, stored, timestamp, actor_key, object_agent_key, verb_id, activity_id, statement_ref, registration, statement)
      ), claimed as (
        insert into statement_ids (id, stored) select id, stored from input on conflict do nothing returning id, seq
      ), added as (
        insert into statements (seq, id, stored, timestamp, organisation_id, credential_id, actor_key, object_agent_key, verb_id, activity_id, statement_ref, registration, statement)
        select c.seq, v.id, v.stored, v.timestamp, ${scope.organisationId}::uuid, ${scope.credentialId}::uuid, v.actor_key, v.object_agent_key, v.verb_id,
          v.activity_id, v.statement_ref, v.registration, v.statement
        from input v join claimed c on c.id = v.id
        returning id, seq
      ), relations as (
        insert into statement_relations (seq, kind, key)
        select a.seq, r.kind, r.key
        from unnest(${arrayLiteral(relations.map((relation) => relation.id))}::uuid[], ${arrayLiteral(relations.map((relation) => relation.kind))}::text[],
          ${arrayLiteral(relations.map((relation) => relation.key))}::text[]) as r(id, kind, key)
        join added a on a.id = r.id
        on conflict do nothing
      ), activities as (
        insert into xapi_activities (scope_key, activity_id, definition, updated)
        select ${scope.organisationId ?? ''}, d.activity_id, d.definition, now()
        from unnest(${arrayLiteral(definitions.map(([activityId]) => activityId))}::text[], ${arrayLiteral(definitions.map(([, definition]) => JSON.stringify(definition)))}::jsonb[])
          as d(activity_id, definition)
        where exists (select 1 from added)
        on conflict (scope_key, activity_id) do update set definition = ${mergedDefinition}, updated = now()
      ), alongside as (${alongside.query})
      select id, seq from added`,
  );
  const addedIds = new Set(added.map((row) => row.id));
  await checkAlreadyStored(db, prepared.filter((statement) => !addedIds.has(String(statement.id))), isSameStatement);
  const addedStatements = prepared.filter((statement) => addedIds.has(String(statement.id)));
  const voidedIds = addedStatements.filter(isVoiding).map((statement) => String((statement.object as Json).id));
  if (voidedIds.length > 0) {
    // A voiding statement cannot void another voiding statement (xAPI Data §2.3.2).
    await db.execute(sql`update statements s set is_voided = true from statement_ids i
      where i.id = any(${arrayLiteral(voidedIds)}::uuid[]) and s.seq = i.seq and s.stored = i.stored and s.verb_id <> ${VOIDED_VERB}`);
  }
  return addedStatements;
}

/** Ids already stored: the same statement again is fine, a different one is a conflict. */
async function checkAlreadyStored(db: Database, repeated: readonly Json[], isSameStatement: (stored: Json, incoming: Json) => boolean): Promise<void> {
  if (repeated.length === 0) return;
  const existing = await db
    .select({ id: statementIds.id, statement: statements.statement })
    .from(statementIds)
    .innerJoin(statements, and(eq(statements.seq, statementIds.seq), eq(statements.stored, statementIds.stored)))
    .where(inArray(statementIds.id, repeated.map((statement) => String(statement.id))));
  const storedById = new Map(existing.map((row) => [row.id, row.statement as Json]));
  for (const statement of repeated) {
    const stored = storedById.get(String(statement.id));
    assert(stored !== undefined, 'a claimed statement id has its statement');
    if (!isSameStatement(stored, statement)) throw new AppError('conflict', `A different statement with id ${String(statement.id)} is already stored.`);
  }
}

export function isVoiding(statement: Json): boolean {
  const object = statement.object as Json | undefined;
  return (statement.verb as Json | undefined)?.id === VOIDED_VERB && object?.objectType === 'StatementRef' && typeof object.id === 'string';
}

interface StatementRow {
  id: string;
  stored: string;
  timestamp: string;
  actorKey: string;
  objectAgentKey: string | null;
  verbId: string;
  activityId: string | null;
  statementRef: string | null;
  registration: string | null;
  json: string;
}

/** The columns beside the JSON that serve the GET filters. */
function statementRow(statement: Json): StatementRow {
  const object = (statement.object ?? {}) as Json;
  const objectType = object.objectType ?? 'Activity';
  const context = (statement.context ?? {}) as Json;
  return {
    id: String(statement.id),
    stored: String(statement.stored),
    timestamp: String(statement.timestamp),
    actorKey: agentKey(statement.actor as InverseFunctionalIdentifier) ?? '',
    objectAgentKey: objectType === 'Agent' || objectType === 'Group' ? (agentKey(object as InverseFunctionalIdentifier) ?? null) : null,
    verbId: String((statement.verb as Json).id),
    activityId: objectType === 'Activity' ? String(object.id) : null,
    statementRef: objectType === 'StatementRef' ? String(object.id) : null,
    registration: typeof context.registration === 'string' ? context.registration : null,
    json: JSON.stringify(statement),
  };
}

function relationRowsOf(statement: Json): Array<{ id: string; kind: 'agent' | 'activity'; key: string }> {
  const id = String(statement.id);
  const relations = collectRelations(statement);
  return [...[...relations.agents].map((key) => ({ id, kind: 'agent' as const, key })), ...[...relations.activities].map((key) => ({ id, kind: 'activity' as const, key }))];
}

/**
 * The definitions of the batch's Activity objects, one per activity, combined in batch order the
 * way `mergedDefinition` combines them with the stored one (one upsert cannot touch a row twice).
 * Merged when the batch adds anything: a repeat of a stored statement brings nothing new.
 */
function activityDefinitions(added: readonly Json[]): Map<string, Json> {
  const byId = new Map<string, Json>();
  for (const statement of added) {
    const object = (statement.object ?? {}) as Json;
    if ((object.objectType ?? 'Activity') !== 'Activity' || typeof object.definition !== 'object' || object.definition === null) continue;
    const id = String(object.id);
    const before = byId.get(id);
    byId.set(id, before === undefined ? (object.definition as Json) : combineDefinitions(before, object.definition as Json));
  }
  return byId;
}

function combineDefinitions(older: Json, newer: Json): Json {
  const combined: Json = { ...older, ...newer };
  for (const map of ['name', 'description'] as const) {
    if (isObject(older[map]) && isObject(newer[map])) combined[map] = { ...older[map], ...newer[map] };
  }
  return combined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  const conditions = [eq(statementIds.id, id), eq(statements.isVoided, options.isVoided)];
  if (options.organisationId !== undefined) conditions.push(eq(statements.organisationId, options.organisationId));
  if (options.credentialId !== undefined) conditions.push(eq(statements.credentialId, options.credentialId));
  const rows = await db
    .select({ seq: statements.seq, stored: statements.stored, statement: statements.statement })
    .from(statementIds)
    .innerJoin(statements, and(eq(statements.seq, statementIds.seq), eq(statements.stored, statementIds.stored)))
    .where(and(...conditions))
    .limit(1);
  const row = rows[0];
  return row === undefined ? undefined : { ...row, statement: row.statement as Json };
}

/**
 * Statements matching a filter, in storage order, never voided ones; statements that refer by
 * StatementRef to a matching statement are included too (xAPI Communication §2.1.3). Pages by
 * seq: asks for `limit + 1` rows to know whether there is more. Each part is an index scan in
 * seq order that stops at `limit + 1` rows: the direct matches, and the statements that carry a
 * StatementRef (few in practice) whose chain of references reaches a match.
 */
export async function queryStatements(db: Database, filter: StatementFilter): Promise<{ rows: Array<{ seq: number; stored: Date; statement: Json }>; hasMore: boolean }> {
  const direction = filter.isAscending === true ? sql`asc` : sql`desc`;
  const limit = filter.limit + 1;
  const returned = sql`s.is_voided = false and ${cursorCondition(filter)} and ${sinceUntil(filter)}`;
  const direct = directBranches(filter).map(
    (branch) => sql`(select s.seq, s.stored, s.statement from statements s where ${branch} and ${returned} order by s.seq ${direction} limit ${limit})`,
  );
  const chainStep = sql`join statement_ids i on i.id = chain.id join statements t on t.seq = i.seq and t.stored = i.stored`;
  const referring = sql`(select s.seq, s.stored, s.statement from statements s
    where s.statement_ref is not null and ${returned} and ${and_(scopeConditions(filter, 's'))} and not coalesce(${and_(matchConditions(filter, 's'))}, false)
      and exists (
        with recursive chain(id, depth) as (
          select s.statement_ref, 1
          union all
          select t.statement_ref, chain.depth + 1 from chain ${chainStep}
          where t.statement_ref is not null and chain.depth < ${STATEMENT_REF_DEPTH_MAX} and ${and_(scopeConditions(filter, 't'))}
        )
        select 1 from chain ${chainStep} where ${and_(matchConditions(filter, 't'))})
    order by s.seq ${direction} limit ${limit})`;
  const query = sql`select u.seq as seq, u.stored as stored, u.statement as statement
    from (${sql.join([...direct, referring], sql` union all `)}) u order by u.seq ${direction} limit ${limit}`;
  const rows = await selectPreparedRows<{ seq: number | string; stored: Date | string; statement: Json | string }>(db, queryShapeName(filter), ['seq', 'stored', 'statement'], query);
  const normalised = rows.map((row) => ({
    seq: Number(row.seq),
    stored: row.stored instanceof Date ? row.stored : new Date(row.stored),
    statement: (typeof row.statement === 'string' ? JSON.parse(row.statement) : row.statement) as Json,
  }));
  return { rows: normalised.slice(0, filter.limit), hasMore: normalised.length > filter.limit };
}

type Alias = 's' | 't';

/**
 * The query's text depends only on which filters are present, never on their values: one named
 * prepared statement per shape, parsed and planned once per connection.
 */
function queryShapeName(filter: StatementFilter): string {
  const present = [
    filter.agent !== undefined,
    filter.isRelatedAgents === true,
    filter.verb !== undefined,
    filter.activity !== undefined,
    filter.isRelatedActivities === true,
    filter.registration !== undefined,
    filter.since !== undefined,
    filter.until !== undefined,
    filter.isAscending === true,
    filter.afterSeq !== undefined,
    filter.organisationId !== undefined,
    filter.credentialId !== undefined,
  ];
  return `query_statements_${present.map((isPresent) => (isPresent ? '1' : '0')).join('')}`;
}

function and_(conditions: SQL[]): SQL {
  return sql`(${sql.join(conditions, sql` and `)})`;
}

function cursorCondition(filter: StatementFilter): SQL {
  if (filter.afterSeq === undefined) return sql`true`;
  return filter.isAscending === true ? sql`s.seq > ${filter.afterSeq}` : sql`s.seq < ${filter.afterSeq}`;
}

function scopeConditions(filter: StatementFilter, alias: Alias): SQL[] {
  const table = sql.raw(alias);
  const conditions: SQL[] = [sql`true`];
  if (filter.organisationId !== undefined) conditions.push(sql`${table}.organisation_id = ${filter.organisationId}`);
  if (filter.credentialId !== undefined) conditions.push(sql`${table}.credential_id = ${filter.credentialId}`);
  return conditions;
}

function sinceUntil(filter: StatementFilter): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filter.since !== undefined) conditions.push(sql`s.stored > ${filter.since.toISOString()}::timestamptz`);
  if (filter.until !== undefined) conditions.push(sql`s.stored <= ${filter.until.toISOString()}::timestamptz`);
  return sql.join(conditions, sql` and `);
}

/**
 * The direct matches as alternatives that never overlap, each one index scan: an agent without
 * related_agents is the actor, or else the object (xAPI Communication §2.1.3).
 */
function directBranches(filter: StatementFilter): SQL[] {
  if (filter.agent === undefined || filter.isRelatedAgents === true) return [and_(matchConditions(filter, 's'))];
  const others = and_(matchConditions({ ...filter, agent: undefined }, 's'));
  return [sql`s.actor_key = ${filter.agent} and ${others}`, sql`s.object_agent_key = ${filter.agent} and s.actor_key <> ${filter.agent} and ${others}`];
}

/**
 * Voided statements are matched too, though never returned: statements that refer to a voided
 * statement matching the filter are still returned (xAPI Communication §2.1.4.s1.b2).
 */
function matchConditions(filter: StatementFilter, alias: Alias): SQL[] {
  const table = sql.raw(alias);
  const conditions = [...scopeConditions(filter, alias)];
  const related = (kind: 'agent' | 'activity', key: string) => sql`${table}.seq in (select r.seq from statement_relations r where r.kind = ${kind} and r.key = ${key})`;
  if (filter.agent !== undefined) {
    conditions.push(
      filter.isRelatedAgents === true
        ? related('agent', filter.agent)
        : // Without related_agents: the agent as actor or as object (xAPI Communication §2.1.3).
          sql`(${table}.actor_key = ${filter.agent} or ${table}.object_agent_key = ${filter.agent})`,
    );
  }
  if (filter.verb !== undefined) conditions.push(sql`${table}.verb_id = ${filter.verb}`);
  if (filter.activity !== undefined) {
    conditions.push(filter.isRelatedActivities === true ? related('activity', filter.activity) : sql`${table}.activity_id = ${filter.activity}`);
  }
  if (filter.registration !== undefined) conditions.push(sql`${table}.registration = ${filter.registration}`);
  return conditions;
}
