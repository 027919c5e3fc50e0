import { afterEach, describe, expect, it } from 'vitest';
import { createLineItem, listLineItems, listResults, AGS_LINE_ITEM_MEDIA_TYPE } from './ags-line-items.ts';
import { AGS_SCORE_MEDIA_TYPE, buildResultsUrl, buildScore, buildScoresUrl, postScore } from './ags-scores.ts';
import { LtiError } from './errors.ts';
import { sendJson, startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('buildScoresUrl and buildResultsUrl', () => {
  it('insert the service into the path and keep the query string (Moodle type_id)', () => {
    const lineItem = 'https://moodle.example.org/mod/lti/services.php/9/lineitems/12/lineitem?type_id=4';
    expect(buildScoresUrl(lineItem)).toBe('https://moodle.example.org/mod/lti/services.php/9/lineitems/12/lineitem/scores?type_id=4');
    expect(buildResultsUrl(lineItem)).toBe('https://moodle.example.org/mod/lti/services.php/9/lineitems/12/lineitem/results?type_id=4');
  });

  it('handle a trailing slash and a URL without query', () => {
    expect(buildScoresUrl('https://lms.example.org/api/lineitems/5/')).toBe('https://lms.example.org/api/lineitems/5/scores');
    expect(buildScoresUrl('https://lms.example.org/api/lineitems/5')).toBe('https://lms.example.org/api/lineitems/5/scores');
  });
});

describe('buildScore', () => {
  it('builds the spec payload with an ISO 8601 timestamp with milliseconds', () => {
    const score = buildScore({
      userId: 'u1',
      scoreGiven: 8.5,
      scoreMaximum: 10,
      comment: 'Passed module 2',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      at: new Date(Date.UTC(2026, 2, 4, 9, 30, 15, 123)),
    });
    expect(score).toEqual({
      userId: 'u1',
      scoreGiven: 8.5,
      scoreMaximum: 10,
      comment: 'Passed module 2',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: '2026-03-04T09:30:15.123Z',
    });
  });

  it('refuses a score without maximum, a negative score and an empty user', () => {
    const base = { userId: 'u1', activityProgress: 'Completed', gradingProgress: 'FullyGraded', at: new Date() } as const;
    expect(() => buildScore({ ...base, scoreGiven: 5 })).toThrow(LtiError);
    expect(() => buildScore({ ...base, scoreGiven: -1, scoreMaximum: 10 })).toThrow(LtiError);
    expect(() => buildScore({ ...base, scoreGiven: 1, scoreMaximum: 0 })).toThrow(LtiError);
    expect(() => buildScore({ ...base, userId: '' })).toThrow(LtiError);
    expect(buildScore({ ...base, activityProgress: 'Started', gradingProgress: 'NotReady' })).not.toHaveProperty('scoreGiven');
  });
});

describe('postScore', () => {
  it('posts to {lineitem}/scores?type_id with the score media type and the bearer token', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const score = buildScore({ userId: 'u1', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded', at: new Date() });
    await postScore({ lineItemUrl: `${server.url}/mod/lti/services.php/9/lineitems/12/lineitem?type_id=4`, score, accessToken: 'tok', fetch });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/mod/lti/services.php/9/lineitems/12/lineitem/scores?type_id=4');
    expect(request?.headers['content-type']).toBe(AGS_SCORE_MEDIA_TYPE);
    expect(request?.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(request?.body ?? '')).toEqual(score);
  });

  it('gives a readable error carrying the status on a non-2xx answer', async () => {
    server = await startTestServer((_request, response) => sendJson(response, 403, { error: 'scope not granted' }));
    const score = buildScore({ userId: 'u1', activityProgress: 'Started', gradingProgress: 'NotReady', at: new Date() });
    const error = await postScore({ lineItemUrl: `${server.url}/li`, score, accessToken: 'tok', fetch }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).code).toBe('platform_error');
    expect((error as LtiError).message).toBe('The platform did not answer as expected.');
    expect((error as LtiError).detail).toContain('answered 403');
  });
});

describe('listLineItems and createLineItem', () => {
  it('filters by resource_link_id and resource_id and follows Link rel=next', async () => {
    server = await startTestServer((request, response) => {
      const url = new URL(request.url, 'http://x');
      if (url.searchParams.get('page') === '2') {
        sendJson(response, 200, [{ id: `${server?.url}/li/2`, label: 'Two', scoreMaximum: 10, resourceId: 'm2' }]);
      } else {
        const next = `${server?.url}/lineitems?type_id=4&resource_link_id=link-7&resource_id=m1&page=2`;
        sendJson(response, 200, [{ id: `${server?.url}/li/1`, label: 'One', scoreMaximum: 100, resourceId: 'm1', resourceLinkId: 'link-7' }], {
          link: `<${next}>; rel="next", <${server?.url}/lineitems?page=1>; rel="first"`,
        });
      }
    });
    const items = await listLineItems({ lineItemsUrl: `${server.url}/lineitems?type_id=4`, accessToken: 'tok', fetch, filter: { resourceLinkId: 'link-7', resourceId: 'm1' } });
    expect(items.map((item) => item.label)).toEqual(['One', 'Two']);
    const first = new URL(server.requests[0]?.url ?? '', 'http://x');
    expect(Object.fromEntries(first.searchParams)).toEqual({ type_id: '4', resource_link_id: 'link-7', resource_id: 'm1' });
    expect(server.requests[0]?.headers.accept).toBe('application/vnd.ims.lis.v2.lineitemcontainer+json');
    expect(server.requests).toHaveLength(2);
  });

  it('creates a line item with the line item media type and returns it with its id', async () => {
    server = await startTestServer((request, response) => sendJson(response, 201, { ...JSON.parse(request.body), id: `${server?.url}/li/9` }));
    const created = await createLineItem({ lineItemsUrl: `${server.url}/lineitems?type_id=4`, lineItem: { label: 'Module 2', scoreMaximum: 100, resourceId: 'social-mapping/m2', tag: 'module' }, accessToken: 'tok', fetch });
    expect(created).toEqual({ id: `${server.url}/li/9`, label: 'Module 2', scoreMaximum: 100, resourceId: 'social-mapping/m2', tag: 'module' });
    expect(server.requests[0]?.headers['content-type']).toBe(AGS_LINE_ITEM_MEDIA_TYPE);
    expect(server.requests[0]?.url).toBe('/lineitems?type_id=4');
  });

  it('reads results from {lineitem}/results keeping the query string', async () => {
    server = await startTestServer((_request, response) => sendJson(response, 200, [{ id: 'r1', userId: 'u1', resultScore: 0.8, resultMaximum: 1 }]));
    const results = await listResults({ lineItemUrl: `${server.url}/li/9/lineitem?type_id=4`, accessToken: 'tok', fetch, userId: 'u1' });
    expect(results).toEqual([{ id: 'r1', userId: 'u1', resultScore: 0.8, resultMaximum: 1, comment: undefined, scoreOf: undefined }]);
    expect(server.requests[0]?.url).toBe('/li/9/lineitem/results?type_id=4&user_id=u1');
  });
});
