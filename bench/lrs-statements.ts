import { randomUUID } from 'node:crypto';

import { sendRequest } from './http-client.ts';
import { measureConcurrent, type Measurement } from './measure.ts';

export const STATEMENT_CLIENTS = 8;
const VERSION_HEADER = { 'x-experience-api-version': '2.0.0' };
const AGENTS = 1000;
const ACTIVITIES = 200;

function statement(index: number): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://academy.example.org', name: `learner-${index % AGENTS}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
    object: { objectType: 'Activity', id: `https://academy.example.org/xapi/activities/course/bench/lesson/${index % ACTIVITIES}` },
    context: { registration: randomUUID(), contextActivities: { parent: [{ id: 'https://academy.example.org/xapi/activities/course/bench' }] } },
    result: { completion: true, duration: 'PT2M30S' },
    timestamp: new Date().toISOString(),
  };
}

/** POSTs `requests` batches of `batchSize` statements with 8 concurrent clients; per second counts statements. */
export async function benchmarkStatementPosts(lrsUrl: string, authorization: string, batchSize: number, requests: number): Promise<Measurement> {
  let counter = 0;
  const measurement = await measureConcurrent({
    total: requests,
    concurrency: STATEMENT_CLIENTS,
    run: async () => {
      const batch = Array.from({ length: batchSize }, () => statement(counter++));
      const response = await sendRequest(`${lrsUrl}/statements`, {
        method: 'POST',
        headers: { ...VERSION_HEADER, authorization, 'content-type': 'application/json' },
        body: JSON.stringify(batchSize === 1 ? batch[0] : batch),
      });
      return response.status === 200;
    },
  });
  return { ...measurement, perSecond: measurement.perSecond * batchSize };
}

/** GET latency by agent and by activity (limit 10), with 8 concurrent clients. */
export async function benchmarkStatementQueries(lrsUrl: string, authorization: string, by: 'agent' | 'activity', requests: number): Promise<Measurement> {
  return measureConcurrent({
    total: requests,
    concurrency: STATEMENT_CLIENTS,
    run: async (index) => {
      const filter =
        by === 'agent'
          ? `agent=${encodeURIComponent(JSON.stringify({ account: { homePage: 'https://academy.example.org', name: `learner-${index % AGENTS}` } }))}`
          : `activity=${encodeURIComponent(`https://academy.example.org/xapi/activities/course/bench/lesson/${index % ACTIVITIES}`)}`;
      const response = await sendRequest(`${lrsUrl}/statements?${filter}&limit=10`, { method: 'GET', headers: { ...VERSION_HEADER, authorization } });
      return response.status === 200;
    },
  });
}
