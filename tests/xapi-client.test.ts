import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import XAPI, { type Statement } from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLrsCredential } from '../server/xapi/auth/lrs-credentials.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';

/** A full round trip with the xAPI.js client (it speaks 1.0.3) against the app on a real port. */
describe.each(databaseKinds())('the xAPI.js client against the LRS on %s', (kind) => {
  let context: TestApp;
  let xapi: XAPI;

  beforeAll(async () => {
    context = await createTestApp(kind);
    await context.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = context.app.server.address() as AddressInfo;
    const { credential, secret } = await createLrsCredential(context.database.db, { name: 'client', organisationId: null, scopes: ['all'], createdBy: null });
    xapi = new XAPI({ endpoint: `http://127.0.0.1:${port}/xapi/`, auth: XAPI.toBasicAuth(credential.key, secret), adapter: 'fetch' });
  });
  afterAll(async () => {
    await context.close();
  });

  const agent = { objectType: 'Agent' as const, name: 'Ana', mbox: `mailto:${randomUUID()}@example.org` };
  const activityId = `https://example.org/activities/${randomUUID()}`;

  it('reads About', async () => {
    expect((await xapi.getAbout()).data.version).toContain('2.0.0');
  });

  it('sends, reads, pages and voids statements', async () => {
    const make = (verb: string): Statement => ({ actor: agent, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, object: { objectType: 'Activity', id: activityId } });
    const [firstId] = (await xapi.sendStatement({ statement: make('launched') })).data;
    const batch = (await xapi.sendStatements({ statements: [make('experienced'), make('completed')] })).data;
    expect(batch).toHaveLength(2);
    expect((await xapi.getStatement({ statementId: firstId ?? '' })).data.verb.id).toBe('http://adlnet.gov/expapi/verbs/launched');

    const page = await xapi.getStatements({ agent, limit: 2 });
    expect(page.data.statements).toHaveLength(2);
    expect(page.headers['x-experience-api-consistent-through']).toBeDefined();
    const rest = (await xapi.getMoreStatements({ more: page.data.more ?? '' })).data as { statements: Statement[] };
    expect(rest.statements.map((statement) => statement.id)).toEqual([firstId]);

    await xapi.voidStatement({ actor: agent, statementId: firstId ?? '' });
    expect((await xapi.getVoidedStatement({ voidedStatementId: firstId ?? '' })).data.id).toBe(firstId);
    await expect(xapi.getStatement({ statementId: firstId ?? '' })).rejects.toBeDefined();
  });

  it('keeps State and profiles, and describes Activities and Agents', async () => {
    await xapi.setState({ agent, activityId, stateId: 'bookmark', state: { lesson: 3 } });
    expect((await xapi.getState({ agent, activityId, stateId: 'bookmark' })).data).toEqual({ lesson: 3 });
    await xapi.createState({ agent, activityId, stateId: 'bookmark', state: { page: 7 } });
    expect((await xapi.getState({ agent, activityId, stateId: 'bookmark' })).data).toEqual({ lesson: 3, page: 7 });
    expect((await xapi.getStates({ agent, activityId })).data).toEqual(['bookmark']);
    await xapi.deleteStates({ agent, activityId });
    expect((await xapi.getStates({ agent, activityId })).data).toEqual([]);

    await xapi.setActivityProfile({ activityId, profileId: 'settings', profile: { theme: 'dark' }, matchHeader: 'If-None-Match', etag: '*' });
    expect((await xapi.getActivityProfile({ activityId, profileId: 'settings' })).data).toEqual({ theme: 'dark' });
    await xapi.createAgentProfile({ agent, profileId: 'preferences', profile: { locale: 'mk' } });
    expect((await xapi.getAgentProfiles({ agent })).data).toEqual(['preferences']);

    expect((await xapi.getActivity({ activityId })).data).toMatchObject({ objectType: 'Activity', id: activityId });
    expect((await xapi.getAgent({ agent })).data).toMatchObject({ objectType: 'Person', mbox: [agent.mbox], name: ['Ana'] });
  });
});
