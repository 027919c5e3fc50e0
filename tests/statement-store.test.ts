import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sql } from 'drizzle-orm';

import { selectRows } from '../server/db/index.ts';
import { ensureStatementPartitions } from '../server/xapi/storage/statement-partitions.ts';
import { findStatement, insertStatements, queryStatements, VOIDED_VERB } from '../server/xapi/storage/statement-store.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/database.ts';

type Json = Record<string, unknown>;
const scope = { organisationId: null, credentialId: null };
let clock = Date.UTC(2026, 10, 22, 9, 0, 0);

function prepared(overrides: Json = {}): Json {
  clock += 1000;
  const stored = new Date(clock).toISOString();
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: 'mailto:ana@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: 'https://tool.example.org/xapi/activities/course/a' },
    stored,
    timestamp: stored,
    authority: { objectType: 'Agent', account: { homePage: 'https://tool.example.org', name: 'lrs' } },
    version: '2.0.0',
    ...overrides,
  };
}

describe.each(databaseKinds())('statement store on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const store = (batch: Json[]) => database.db.transaction((transaction) => insertStatements(transaction, batch, scope, isDeepStrictEqual));

  it('stores a batch, accepts an identical re-send silently and refuses a different one, storing nothing of that batch', async () => {
    const first = prepared();
    expect(await store([first])).toHaveLength(1);
    expect(await store([first])).toHaveLength(0);
    const fresh = prepared();
    const changed = { ...first, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
    await expect(store([fresh, changed])).rejects.toThrow(/different statement/);
    expect(await findStatement(database.db, String(fresh.id), { isVoided: false })).toBeUndefined();
  });

  it('stores text with quotes, backslashes, braces, commas, NULL and non-Latin letters as sent', async () => {
    const tricky = 'a "quoted", \\back\\slashed {braced} NULL – Ђорђе Ёлка 🙂 \n';
    const statement = prepared({
      actor: { objectType: 'Agent', mbox: 'mailto:"odd,name"@example.org', name: tricky },
      object: { objectType: 'Activity', id: 'https://tool.example.org/xapi/activities/{a},"b"', definition: { name: { 'sr-Cyrl': tricky } } },
      result: { response: 'NULL', extensions: { 'https://tool.example.org/x': [null, tricky, { k: '\\"' }] } },
    });
    expect(await store([statement])).toHaveLength(1);
    expect((await findStatement(database.db, String(statement.id), { isVoided: false }))?.statement).toEqual(statement);
    const byActivity = await queryStatements(database.db, { activity: 'https://tool.example.org/xapi/activities/{a},"b"', limit: 5 });
    expect(byActivity.rows.map((row) => row.statement.id)).toEqual([statement.id]);
  });

  it('refuses one of two concurrent requests storing different statements under one new id', async () => {
    const first = prepared();
    const second = { ...first, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
    const results = await Promise.allSettled([store([first]), store([second])]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/different statement/);
  });

  it('keeps statements in monthly partitions; a month made later takes over what the default partition held', async () => {
    const partitionOf = async (id: unknown) =>
      (await selectRows<{ name: string }>(database.db, sql`select tableoid::regclass::text as name from statements where id = ${String(id)}`))[0]?.name;
    const may2031 = new Date(Date.UTC(2031, 4, 10, 12));
    const statement = prepared({ stored: may2031.toISOString(), timestamp: may2031.toISOString() });
    await store([statement]);
    expect(await partitionOf(statement.id)).toBe('statements_default');
    expect(await ensureStatementPartitions(database.db, may2031)).toEqual(['statements_2031_05', 'statements_2031_06', 'statements_2031_07']);
    expect(await ensureStatementPartitions(database.db, may2031)).toEqual([]);
    expect(await partitionOf(statement.id)).toBe('statements_2031_05');
    expect((await findStatement(database.db, String(statement.id), { isVoided: false }))?.statement.id).toBe(statement.id);
    // An id stays unique across partitions: the same id stored this month is a conflict.
    await expect(store([prepared({ id: statement.id, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } })])).rejects.toThrow(/different statement/);
    await ensureStatementPartitions(database.db);
    expect(await ensureStatementPartitions(database.db)).toEqual([]);
  });

  it('voids a statement: hidden from queries and from GET by id, returned as voided; a voiding statement cannot be voided', async () => {
    const target = prepared();
    const voiding = prepared({ verb: { id: VOIDED_VERB }, object: { objectType: 'StatementRef', id: target.id } });
    await store([target]);
    await store([voiding]);
    expect(await findStatement(database.db, String(target.id), { isVoided: false })).toBeUndefined();
    expect((await findStatement(database.db, String(target.id), { isVoided: true }))?.statement.id).toBe(target.id);
    const voidVoiding = prepared({ verb: { id: VOIDED_VERB }, object: { objectType: 'StatementRef', id: voiding.id } });
    await store([voidVoiding]);
    expect(await findStatement(database.db, String(voiding.id), { isVoided: false })).toBeDefined();
  });

  it('filters by agent, verb, activity (also related), registration and time, and pages with a cursor', async () => {
    const registration = randomUUID();
    const activity = `https://tool.example.org/xapi/activities/course/${randomUUID()}`;
    const parent = `https://tool.example.org/xapi/activities/course/${randomUUID()}`;
    const batch = Array.from({ length: 5 }, () =>
      prepared({ object: { objectType: 'Activity', id: activity }, context: { registration, contextActivities: { parent: [{ id: parent }] } } }),
    );
    await store(batch);
    const byActivity = await queryStatements(database.db, { activity, limit: 10 });
    expect(byActivity.rows.map((row) => row.statement.id)).toEqual(batch.map((statement) => statement.id).reverse());
    expect((await queryStatements(database.db, { activity: parent, limit: 10 })).rows).toHaveLength(0);
    expect((await queryStatements(database.db, { activity: parent, isRelatedActivities: true, limit: 10 })).rows).toHaveLength(5);
    expect((await queryStatements(database.db, { registration, agent: 'mbox:mailto:ana@example.org', limit: 10 })).rows).toHaveLength(5);
    expect((await queryStatements(database.db, { registration, agent: 'mbox:mailto:someone@example.org', limit: 10 })).rows).toHaveLength(0);

    const firstPage = await queryStatements(database.db, { registration, limit: 2, isAscending: true });
    expect(firstPage.hasMore).toBe(true);
    const secondPage = await queryStatements(database.db, { registration, limit: 2, isAscending: true, afterSeq: firstPage.rows.at(-1)?.seq });
    const thirdPage = await queryStatements(database.db, { registration, limit: 2, isAscending: true, afterSeq: secondPage.rows.at(-1)?.seq });
    expect([...firstPage.rows, ...secondPage.rows, ...thirdPage.rows].map((row) => row.statement.id)).toEqual(batch.map((statement) => statement.id));
    expect(thirdPage.hasMore).toBe(false);

    const since = new Date(String(batch[2]?.stored));
    expect((await queryStatements(database.db, { registration, since, limit: 10 })).rows).toHaveLength(2);
  });

  it('returns statements that refer to a matching statement by StatementRef', async () => {
    const activity = `https://tool.example.org/xapi/activities/course/${randomUUID()}`;
    const target = prepared({ object: { objectType: 'Activity', id: activity } });
    const reference = prepared({ verb: { id: 'http://adlnet.gov/expapi/verbs/attended' }, object: { objectType: 'StatementRef', id: target.id } });
    await store([target, reference]);
    const rows = (await queryStatements(database.db, { activity, limit: 10 })).rows.map((row) => row.statement.id);
    expect(rows).toEqual([reference.id, target.id]);
  });
});
