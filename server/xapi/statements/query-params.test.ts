import { describe, expect, it } from 'vitest';
import { parseStatementQuery, STATEMENTS_PAGE_SIZE_MAX } from './query-params.ts';

const ID = '9e13cefd-53d3-4eac-b5ed-2cf6693903bb';
const AGENT = JSON.stringify({ mbox: 'mailto:a@example.com' });

describe('parseStatementQuery', () => {
  it('parses a single-statement query with format and attachments', () => {
    expect(parseStatementQuery({ statementId: ID, format: 'ids', attachments: 'true' }, '2.0')).toEqual({
      ok: true, query: { kind: 'single', statementId: ID, isVoided: false, format: 'ids', attachments: true },
    });
    expect(parseStatementQuery({ voidedStatementId: ID }, '2.0')).toMatchObject({ ok: true, query: { isVoided: true } });
  });

  it('parses a list query with defaults', () => {
    const result = parseStatementQuery({ agent: AGENT, verb: 'http://example.com/v', since: '2020-01-01T00:00:00Z', limit: '0', related_agents: 'true' }, '2.0');
    expect(result).toMatchObject({
      ok: true,
      query: { kind: 'list', agent: { mbox: 'mailto:a@example.com' }, limit: STATEMENTS_PAGE_SIZE_MAX, relatedAgents: true, relatedActivities: false, ascending: false, format: 'exact' },
    });
    expect(parseStatementQuery({ limit: '10' }, '2.0')).toMatchObject({ ok: true, query: { limit: 10 } });
  });

  it.each<[Record<string, string>, string]>([
    [{ statementId: ID, limit: '1' }, 'limit: must not be combined with statementId'],
    [{ voidedStatementId: ID, verb: 'http://example.com/v' }, 'verb: must not be combined with voidedStatementId'],
    [{ statementId: ID, voidedStatementId: ID }, 'statementId: must not be combined with voidedStatementId'],
    [{ statementId: 'abc' }, 'statementId: must be a UUID'],
    [{ foo: 'bar' }, 'foo: is not a parameter of GET /statements'],
    [{ agent: 'not json' }, 'agent: must be a JSON-encoded Agent'],
    [{ agent: JSON.stringify({ mbox: 'a@example.com' }) }, 'agent.mbox: must be a mailto IRI'],
    [{ agent: JSON.stringify({ objectType: 'Group', member: [{ mbox: 'mailto:a@example.com' }] }) }, 'agent: must be an Agent or an identified Group'],
    [{ verb: 'not an iri' }, 'verb: must be an IRI'],
    [{ activity: 'x' }, 'activity: must be an IRI'],
    [{ registration: 'x' }, 'registration: must be a UUID'],
    [{ since: 'yesterday' }, 'since: must be an ISO 8601 timestamp'],
    [{ limit: '-1' }, 'limit: must be a non-negative integer'],
    [{ format: 'full' }, 'format: must be exact, ids or canonical'],
    [{ ascending: 'yes' }, 'ascending: must be true or false'],
  ])('rejects %j', (params, message) => {
    expect(parseStatementQuery(params, '2.0')).toEqual({ ok: false, message: expect.stringContaining(message) as string });
  });
});
