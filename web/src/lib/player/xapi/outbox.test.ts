import { describe, expect, it } from 'vitest';

import { enqueueStatements, FLUSH_BATCH_SIZE_MAX, flushOutbox } from './outbox.ts';
import type { Statement } from './statement-types.ts';
import { createMemoryStore } from './statement-store.ts';

function statement(index: number): Statement {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://academy.example', name: 'u' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: 'https://academy.example/xapi/activities/course/c', definition: { type: 'http://adlnet.gov/expapi/activities/course' } },
    context: {},
    timestamp: '2025-05-01T10:00:00.000Z',
  };
}

/** A stand-in for the network: records requests and answers with the given status. */
function fakeNetwork(status: number | 'offline') {
  const requests: { headers: Record<string, string>; body: Statement[] }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    if (status === 'offline') throw new TypeError('Failed to fetch');
    requests.push({ headers: init.headers as Record<string, string>, body: JSON.parse(init.body as string) as Statement[] });
    return new Response(status === 200 ? '[]' : null, { status });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('statement outbox', () => {
  it('sends queued statements oldest first with the session token and xAPI version, then forgets them', async () => {
    const store = createMemoryStore();
    await enqueueStatements(store, [statement(1), statement(2)]);
    await enqueueStatements(store, [statement(3)], Date.now() + 1000);
    const network = fakeNetwork(200);
    expect(await flushOutbox({ store, token: 'tok', fetch: network.fetch })).toBe('sent');
    expect(network.requests[0]?.headers).toMatchObject({ authorization: 'Bearer tok', 'x-experience-api-version': '2.0.0' });
    expect(network.requests[0]?.body.map((s) => s.id.slice(-1))).toEqual(['1', '2', '3']);
    expect(await store.count()).toBe(0);
  });

  it('keeps every statement when the LRS answers 404, an error, or the network is down', async () => {
    for (const status of [404, 401, 503, 'offline'] as const) {
      const store = createMemoryStore();
      await enqueueStatements(store, [statement(1)]);
      const outcome = await flushOutbox({ store, token: 'tok', fetch: fakeNetwork(status).fetch });
      expect(outcome).toBe(status === 'offline' ? 'offline' : 'kept');
      expect(await store.count()).toBe(1);
    }
  });

  it('keeps statements without a session token and sends nothing', async () => {
    const store = createMemoryStore();
    await enqueueStatements(store, [statement(1)]);
    const network = fakeNetwork(200);
    expect(await flushOutbox({ store, token: undefined, fetch: network.fetch })).toBe('kept');
    expect(network.requests).toHaveLength(0);
  });

  it('sends in batches of a bounded size, and queues the same id once', async () => {
    const store = createMemoryStore();
    await enqueueStatements(store, Array.from({ length: FLUSH_BATCH_SIZE_MAX + 5 }, (_, index) => statement(index)));
    await enqueueStatements(store, [statement(0)]);
    expect(await store.count()).toBe(FLUSH_BATCH_SIZE_MAX + 5);
    const network = fakeNetwork(200);
    expect(await flushOutbox({ store, token: 'tok', fetch: network.fetch })).toBe('sent');
    expect(network.requests.map((request) => request.body.length)).toEqual([FLUSH_BATCH_SIZE_MAX, 5]);
  });
});
