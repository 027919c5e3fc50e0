/**
 * Communication §2.1.3 GET /statements parameters: parsing, validation (Data §2.2.s4.b4: the same
 * standards as the values in Statements) and the rules on combinations (§2.1.3.s2.b2: statementId
 * or voidedStatementId only with attachments and format).
 */
import { parseActorParameter } from '../agents/parse-agent-parameter.ts';
import type { Actor, XapiVersionFamily } from '../types.ts';
import { isIri, isTimestamp, isUuid } from '../validation/formats.ts';
import { STATEMENT_FORMATS, type StatementFormat } from './format-statement.ts';

/** The page size when `limit` is absent or 0 ("use the server maximum", §2.1.3 table row 11). */
export const STATEMENTS_PAGE_SIZE_MAX = 100;

export const STATEMENT_QUERY_PARAMETERS = [
  'statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities',
  'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending',
] as const;

/** §2.1.3.s2.b2: the only parameters allowed beside statementId / voidedStatementId. */
const SINGLE_STATEMENT_COMPANIONS: readonly string[] = ['statementId', 'voidedStatementId', 'format', 'attachments'];

export type StatementQuery =
  | { kind: 'single'; statementId: string; isVoided: boolean; format: StatementFormat; attachments: boolean }
  | {
      kind: 'list';
      agent?: Actor;
      verb?: string;
      activity?: string;
      registration?: string;
      relatedActivities: boolean;
      relatedAgents: boolean;
      since?: string;
      until?: string;
      limit: number;
      format: StatementFormat;
      attachments: boolean;
      ascending: boolean;
    };

export type QueryResult = { ok: true; query: StatementQuery } | { ok: false; message: string };

class QueryError extends Error {}

function parseBoolean(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new QueryError(`${name}: must be true or false`);
}

function parseFormatted(value: string | undefined, name: string, isValid: (text: string) => boolean, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isValid(value)) throw new QueryError(`${name}: must be ${what}`);
  return value;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return STATEMENTS_PAGE_SIZE_MAX;
  if (!/^\d+$/.test(value)) throw new QueryError('limit: must be a non-negative integer');
  const limit = Number(value);
  return limit === 0 || limit > STATEMENTS_PAGE_SIZE_MAX ? STATEMENTS_PAGE_SIZE_MAX : limit;
}

function parseFormat(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (!(STATEMENT_FORMATS as readonly string[]).includes(value)) throw new QueryError('format: must be exact, ids or canonical');
  return value as StatementFormat;
}

function parseSingle(params: Record<string, string>): StatementQuery {
  if ('statementId' in params && 'voidedStatementId' in params) {
    throw new QueryError('statementId: must not be combined with voidedStatementId');
  }
  const isVoided = 'voidedStatementId' in params;
  const name = isVoided ? 'voidedStatementId' : 'statementId';
  const extra = Object.keys(params).find((key) => !SINGLE_STATEMENT_COMPANIONS.includes(key));
  if (extra !== undefined) throw new QueryError(`${extra}: must not be combined with ${name}`);
  const statementId = parseFormatted(params[name], name, isUuid, 'a UUID') as string;
  return { kind: 'single', statementId, isVoided, format: parseFormat(params.format), attachments: parseBoolean(params.attachments, 'attachments') };
}

function parseList(params: Record<string, string>, version: XapiVersionFamily): StatementQuery {
  let agent: Actor | undefined;
  if (params.agent !== undefined) {
    const parsed = parseActorParameter(params.agent, version);
    if (!parsed.ok) throw new QueryError(parsed.message);
    agent = parsed.value;
  }
  const query: StatementQuery = {
    kind: 'list',
    relatedActivities: parseBoolean(params.related_activities, 'related_activities'),
    relatedAgents: parseBoolean(params.related_agents, 'related_agents'),
    limit: parseLimit(params.limit),
    format: parseFormat(params.format),
    attachments: parseBoolean(params.attachments, 'attachments'),
    ascending: parseBoolean(params.ascending, 'ascending'),
  };
  const optional = {
    agent,
    verb: parseFormatted(params.verb, 'verb', isIri, 'an IRI'),
    activity: parseFormatted(params.activity, 'activity', isIri, 'an IRI'),
    registration: parseFormatted(params.registration, 'registration', isUuid, 'a UUID'),
    since: parseFormatted(params.since, 'since', isTimestamp, 'an ISO 8601 timestamp'),
    until: parseFormatted(params.until, 'until', isTimestamp, 'an ISO 8601 timestamp'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(query, { [key]: value });
  return query;
}

/**
 * Parses the query string parameters (already URL-decoded, one value each). Unknown parameters
 * are rejected (Data §2.2.s4.b1.b7 applied to requests; the conformance suite sends misspelt ones).
 */
export function parseStatementQuery(params: Readonly<Record<string, string>>, version: XapiVersionFamily): QueryResult {
  try {
    const unknown = Object.keys(params).find((key) => !(STATEMENT_QUERY_PARAMETERS as readonly string[]).includes(key));
    if (unknown !== undefined) throw new QueryError(`${unknown}: is not a parameter of GET /statements`);
    const copy = { ...params };
    const isSingle = 'statementId' in copy || 'voidedStatementId' in copy;
    return { ok: true, query: isSingle ? parseSingle(copy) : parseList(copy, version) };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message };
    throw error;
  }
}
