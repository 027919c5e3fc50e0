import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { createLrsCredential } from '../server/xapi/auth/lrs-credentials.ts';
import { insertStatements } from '../server/xapi/storage/statement-store.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';
import { findFreePort } from './helpers/server-process.ts';

const VERSION = { 'x-experience-api-version': '2.0.0' };

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

function statement(index: number, verb = 'http://adlnet.gov/expapi/verbs/experienced'): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: 'mailto:forwarded@example.org' },
    verb: { id: verb },
    object: { objectType: 'Activity', id: `https://example.org/activities/forwarding/${index}` },
  };
}

/** Forwarding to an external LRS: a second instance of the tool, on its own database and port. */
describe.each(databaseKinds())('forwarding statements to an external LRS on %s', (kind) => {
  let source: TestApp;
  let target: TestApp;
  let targetUrl: string;
  let sourceAuthorization: string;
  let targetAuthorization: string;
  let targetCredential: { key: string; secret: string };

  beforeAll(async () => {
    source = await createTestApp(kind);
    const port = await findFreePort();
    targetUrl = `http://127.0.0.1:${port}`;
    target = await createTestApp(kind, { PUBLIC_URL: targetUrl });
    await target.app.listen({ port, host: '127.0.0.1' });
    const sourceCredential = await createLrsCredential(source.database.db, { name: 'source', organisationId: null, scopes: ['all'], createdBy: null });
    sourceAuthorization = basic(sourceCredential.credential.key, sourceCredential.secret);
    const created = await createLrsCredential(target.database.db, { name: 'from the e-Academy', organisationId: null, scopes: ['all'], createdBy: null });
    targetCredential = { key: created.credential.key, secret: created.secret };
    targetAuthorization = basic(created.credential.key, created.secret);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  const store = (batch: unknown[]) => source.app.inject({ method: 'POST', url: '/xapi/statements', headers: { ...VERSION, authorization: sourceAuthorization }, payload: batch });
  const targetStatements = async () => {
    const response = await fetch(`${targetUrl}/xapi/statements?ascending=true&limit=100`, { headers: { ...VERSION, authorization: targetAuthorization } });
    return ((await response.json()) as { statements: Array<{ id: string }> }).statements.map((entry) => entry.id);
  };

  it('catches up in order after the target was down, then keeps it current', async () => {
    const [row] = await source.database.db
      .insert(schema.forwardTargets)
      .values({ name: 'Training centre LRS', endpoint: `http://127.0.0.1:${await findFreePort()}/xapi`, username: targetCredential.key, password: targetCredential.secret })
      .returning();
    const first = Array.from({ length: 5 }, (_, index) => statement(index));
    expect((await store(first)).statusCode).toBe(200);
    expect(await source.app.runOutboxRound()).toBe(1);
    const [failed] = await source.database.db.select().from(schema.outbox).where(eq(schema.outbox.topic, 'xapi.forward'));
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed?.lastError).toMatch(/Training centre LRS/);
    expect(failed?.runAfter.getTime()).toBeGreaterThan(Date.now());

    // The target comes back (here: at its real address); an administrator sends now.
    await source.database.db.update(schema.forwardTargets).set({ endpoint: `${targetUrl}/xapi` }).where(eq(schema.forwardTargets.id, row?.id ?? ''));
    const second = Array.from({ length: 3 }, (_, index) => statement(10 + index));
    expect((await store(second)).statusCode).toBe(200);
    await source.database.db.update(schema.outbox).set({ runAfter: new Date() }).where(eq(schema.outbox.topic, 'xapi.forward'));
    await source.app.runOutboxRound();
    expect(await targetStatements()).toEqual([...first, ...second].map((entry) => entry.id));
    const [caughtUp] = await source.database.db.select().from(schema.forwardTargets);
    expect(caughtUp?.forwardedThroughSeq).toBeGreaterThan(0);

    const third = [statement(20)];
    await store(third);
    await source.app.runOutboxRound();
    expect(await targetStatements()).toEqual([...first, ...second, ...third].map((entry) => entry.id));
  });

  it('sends a statement only once even when its batch is sent again', async () => {
    const before = await targetStatements();
    await source.database.db.update(schema.forwardTargets).set({ forwardedThroughTxid: 0, forwardedThroughSeq: 0 });
    await source.database.db.update(schema.outbox).set({ status: 'pending', runAfter: new Date() }).where(eq(schema.outbox.topic, 'xapi.forward'));
    await source.app.runOutboxRound();
    expect(await targetStatements()).toEqual(before);
  });

  it('forwards only the verbs a target asks for', async () => {
    await source.database.db.delete(schema.forwardTargets);
    await source.database.db.insert(schema.forwardTargets).values({
      name: 'Completions only',
      endpoint: `${targetUrl}/xapi`,
      username: targetCredential.key,
      password: targetCredential.secret,
      verbIds: ['http://adlnet.gov/expapi/verbs/completed'],
      forwardedThroughSeq: Number.MAX_SAFE_INTEGER - 1,
    });
    await source.database.db.update(schema.forwardTargets).set({ forwardedThroughSeq: 0 });
    const completed = statement(30, 'http://adlnet.gov/expapi/verbs/completed');
    const experienced = statement(31);
    const before = await targetStatements();
    await store([completed, experienced]);
    await source.app.runOutboxRound();
    const after = await targetStatements();
    expect(after).toContain(completed.id);
    expect(after).not.toContain(experienced.id);
    expect(after.length).toBe(before.length + 1);
  });

  // Two transactions at once need a server; PGlite runs one at a time.
  it.runIf(kind === 'postgres')('does not skip a statement whose transaction commits after a later one', async () => {
    const verb = `https://example.org/verbs/late-${randomUUID()}`;
    await source.database.db.delete(schema.forwardTargets);
    await source.database.db.insert(schema.forwardTargets).values({ name: 'Late commits', endpoint: `${targetUrl}/xapi`, username: targetCredential.key, password: targetCredential.secret, verbIds: [verb] });
    const sendNow = async () => {
      await source.database.db.update(schema.outbox).set({ status: 'pending', runAfter: new Date(), lockedUntil: null }).where(eq(schema.outbox.topic, 'xapi.forward'));
      await source.app.runOutboxRound();
    };
    const early: Record<string, unknown> = { ...statement(40, verb), stored: new Date().toISOString(), timestamp: new Date().toISOString(), version: '2.0.0' };
    const earlyId = String(early.id);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let markStored = () => {};
    const isStored = new Promise<void>((resolve) => (markStored = resolve));
    // The early statement takes its seq first, then its transaction stays open.
    const slow = source.database.db.transaction(async (transaction) => {
      await insertStatements(transaction, [early], { organisationId: null, credentialId: null }, isDeepStrictEqual);
      markStored();
      await released;
    });
    await isStored;
    const later = statement(41, verb);
    expect((await store([later])).statusCode).toBe(200);
    await sendNow();
    expect(await targetStatements()).not.toContain(String(later.id));
    release();
    await slow;
    await expect
      .poll(async () => {
        await sendNow();
        const ids = await targetStatements();
        return [ids.indexOf(earlyId) >= 0, ids.indexOf(String(later.id)) > ids.indexOf(earlyId)];
      })
      .toEqual([true, true]);
  });
});
