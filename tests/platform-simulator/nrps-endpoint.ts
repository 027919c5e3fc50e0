import type { IncomingMessage, ServerResponse } from 'node:http';

import { accepts, HttpProblem, sendJson } from './http.ts';
import { MEMBERS_PAGE_SIZE_DEFAULT } from './limits.ts';
import { pageOf, pagingLink } from './paging.ts';
import type { PlatformState } from './platform-state.ts';
import type { Member } from './records.ts';
import { authorizeService } from './service-auth.ts';
import { MEDIA_TYPE, SCOPE } from './vocabulary.ts';

const MEMBERSHIPS_PATH = /^\/nrps\/([^/]+)\/memberships$/;

/** NRPS 2.0 §2.2 member, names as on the wire. */
function memberJson(member: Member): Record<string, unknown> {
  return {
    status: member.status ?? 'Active',
    user_id: member.userId,
    roles: member.roles,
    ...(member.name === undefined ? {} : { name: member.name }),
    ...(member.givenName === undefined ? {} : { given_name: member.givenName }),
    ...(member.familyName === undefined ? {} : { family_name: member.familyName }),
    ...(member.email === undefined ? {} : { email: member.email }),
  };
}

async function serveMemberships(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const match = MEMBERSHIPS_PATH.exec(url.pathname);
  if (match === null) throw new HttpProblem(404, [`no NRPS resource at ${url.pathname}`]);
  if (request.method !== 'GET') throw new HttpProblem(405, ['memberships are read with GET'], { allow: 'GET' });
  authorizeService(state, request, [SCOPE.contextMembershipReadOnly]);
  // NRPS 2.0 §2.3: the container media type must be asked for.
  if (!accepts(request, MEDIA_TYPE.membershipContainer) || request.headers.accept === undefined) {
    throw new HttpProblem(406, [`Accept must name ${MEDIA_TYPE.membershipContainer}`]);
  }
  const contextId = decodeURIComponent(match[1] ?? '');
  const role = url.searchParams.get('role');
  const members = (state.rosters.get(contextId) ?? []).filter((member) => role === null || member.roles.includes(role));
  const page = pageOf(members, url, MEMBERS_PAGE_SIZE_DEFAULT);
  const link = pagingLink(state, url, page);
  const context = { id: contextId };
  sendJson(response, 200, { id: state.endpoint(`${url.pathname}${url.search}`), context, members: page.items.map(memberJson) }, MEDIA_TYPE.membershipContainer, link === undefined ? {} : { link });
}

export async function handleMemberships(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const record = state.serviceRequests.push({ method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, problems: [], atMs: Date.now() });
  try {
    await serveMemberships(state, request, response, url);
    record.status = response.statusCode;
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    record.status = error.status;
    record.problems = error.problems;
    sendJson(response, error.status, { error: 'request_refused', problems: error.problems }, 'application/json', error.headers);
  }
}
