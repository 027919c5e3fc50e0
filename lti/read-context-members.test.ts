import { afterEach, describe, expect, it } from 'vitest';
import { LINK_HEADER_CHARS_MAX, findNextLink } from './parse-link-header.ts';
import { NRPS_MEMBERSHIP_MEDIA_TYPE, NRPS_PAGES_MAX, readContextMembers } from './read-context-members.ts';
import { sendJson, startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

function member(index: number): Record<string, unknown> {
  return { user_id: `u${index}`, roles: [LEARNER], status: 'Active', name: `Person ${index}`, given_name: 'Person', family_name: String(index) };
}

describe('readContextMembers', () => {
  it('reads every page through Link rel=next, with the NRPS media type and typed members', async () => {
    server = await startTestServer((request, response) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page') ?? '1');
      const headers: Record<string, string> = page < 3 ? { link: `</memberships?page=${page + 1}>; rel="next"` } : {};
      const members = page === 3 ? [{ user_id: 'u9', roles: [], status: 'Inactive' }] : [member(page * 2 - 1), member(page * 2)];
      sendJson(response, 200, { id: `${server?.url}/memberships`, context: { id: 'course-9', label: 'LNOB', title: 'Social mapping' }, members }, headers);
    });
    const membership = await readContextMembers({ contextMembershipsUrl: `${server.url}/memberships`, accessToken: 'tok', fetch });
    expect(membership.context).toEqual({ id: 'course-9', label: 'LNOB', title: 'Social mapping' });
    expect(membership.members.map((item) => item.userId)).toEqual(['u1', 'u2', 'u3', 'u4', 'u9']);
    expect(membership.members[0]).toEqual({
      userId: 'u1', roles: [LEARNER], status: 'Active', name: 'Person 1', givenName: 'Person', familyName: '1', email: undefined, lisPersonSourcedId: undefined,
    });
    expect(membership.members[4]?.status).toBe('Inactive');
    expect(membership.isTruncated).toBe(false);
    expect(server.requests.map((request) => request.url)).toEqual(['/memberships', '/memberships?page=2', '/memberships?page=3']);
    expect(server.requests[0]?.headers.accept).toBe(NRPS_MEMBERSHIP_MEDIA_TYPE);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('stops at the page limit and says the roster is truncated', async () => {
    server = await startTestServer((request, response) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page') ?? '1');
      sendJson(response, 200, { members: [member(page)] }, { link: `</m?page=${page + 1}>; rel="next"` });
    });
    const membership = await readContextMembers({ contextMembershipsUrl: `${server.url}/m`, accessToken: 'tok', fetch });
    expect(membership.members).toHaveLength(NRPS_PAGES_MAX);
    expect(membership.isTruncated).toBe(true);
  });

  it('refuses a next link to another origin (the bearer token must not leave the platform)', async () => {
    server = await startTestServer((_request, response) => sendJson(response, 200, { members: [member(1)] }, { link: '<https://evil.example.org/m?page=2>; rel="next"' }));
    await expect(readContextMembers({ contextMembershipsUrl: `${server.url}/m`, accessToken: 'tok', fetch })).rejects.toMatchObject({ code: 'platform_error' });
  });

  it('refuses a next link that loops, and a member without user_id', async () => {
    server = await startTestServer((request, response) => {
      if (request.url.startsWith('/loop')) sendJson(response, 200, { members: [] }, { link: '</loop>; rel="next"' });
      else sendJson(response, 200, { members: [{ roles: [] }] });
    });
    await expect(readContextMembers({ contextMembershipsUrl: `${server.url}/loop`, accessToken: 'tok', fetch })).rejects.toMatchObject({ code: 'platform_error' });
    await expect(readContextMembers({ contextMembershipsUrl: `${server.url}/bad`, accessToken: 'tok', fetch })).rejects.toMatchObject({ code: 'platform_error' });
  });
});

describe('findNextLink', () => {
  const page = 'https://lms.example.org/m?page=1';
  it('finds rel=next among several links, quoted or not, with commas inside URLs', () => {
    expect(findNextLink('<https://lms.example.org/m?a=1,2&page=2>; rel="next", <https://lms.example.org/m?page=9>; rel="last"', page, page)).toBe('https://lms.example.org/m?a=1,2&page=2');
    expect(findNextLink('<https://lms.example.org/m?page=1>; rel=first, </m?page=2>; rel=next', page, page)).toBe('https://lms.example.org/m?page=2');
    expect(findNextLink('</m?page=2>; title="a, b"; rel="prev next"', page, page)).toBe('https://lms.example.org/m?page=2');
  });

  it('returns undefined without a next link and refuses an oversize header', () => {
    expect(findNextLink(null, page, page)).toBeUndefined();
    expect(findNextLink('</m?page=0>; rel="prev"', page, page)).toBeUndefined();
    expect(() => findNextLink(`<${'x'.repeat(LINK_HEADER_CHARS_MAX)}>; rel="next"`, page, page)).toThrow();
  });
});
