import type { IncomingMessage, ServerResponse } from 'node:http';

import { checkLineItem, checkScore, isScoreNewer } from './ags-validation.ts';
import { accepts, HttpProblem, readJson, sendJson } from './http.ts';
import { LINE_ITEMS_PAGE_SIZE_DEFAULT } from './limits.ts';
import { pageOf, pagingLink } from './paging.ts';
import { TOOL_TYPE_ID, type PlatformState } from './platform-state.ts';
import type { LineItem, Score } from './records.ts';
import { authorizeService } from './service-auth.ts';
import { MEDIA_TYPE, SCOPE } from './vocabulary.ts';

/** /ags/{context}/lineitems[/{n}/lineitem[/scores|/results]] */
const AGS_PATH = /^\/ags\/([^/]+)\/lineitems(?:\/(\d+)\/lineitem(?:\/(scores|results))?)?$/;

interface AgsTarget {
  contextId: string;
  lineItem: LineItem | undefined;
  operation: 'container' | 'lineitem' | 'scores' | 'results';
}

/**
 * Resolves the URL like Moodle's services.php: the path names the resource and `type_id` must be
 * exactly the tool's. A tool that appends `/scores` after the query (`?type_id=1/scores`) or drops
 * the query fails here, as it does against Moodle (AGS 2.0 §3.4: scores URL is the line item URL
 * with `/scores` added to its path).
 */
function resolveTarget(state: PlatformState, url: URL): AgsTarget {
  const match = AGS_PATH.exec(url.pathname);
  if (match === null) throw new HttpProblem(404, [`no AGS resource at ${url.pathname}`]);
  const typeId = url.searchParams.get('type_id');
  if (typeId !== TOOL_TYPE_ID) {
    const hint = typeId?.includes('/') === true ? ' (a path segment was appended after the query string: insert it in the path)' : '';
    throw new HttpProblem(400, [`type_id must be ${TOOL_TYPE_ID}, got ${JSON.stringify(typeId)}${hint}`]);
  }
  const contextId = decodeURIComponent(match[1] ?? '');
  if (match[2] === undefined) return { contextId, lineItem: undefined, operation: 'container' };
  const id = state.endpoint(`/ags/${encodeURIComponent(contextId)}/lineitems/${match[2]}/lineitem?type_id=${TOOL_TYPE_ID}`);
  const lineItem = state.lineItems.get(id);
  if (lineItem === undefined) throw new HttpProblem(404, [`no line item ${id}`]);
  return { contextId, lineItem, operation: (match[3] as 'scores' | 'results' | undefined) ?? 'lineitem' };
}

function refuseMethod(method: string, allowed: string): never {
  throw new HttpProblem(405, [`${method} is not allowed here (allowed: ${allowed})`], { allow: allowed });
}

function listLineItems(state: PlatformState, url: URL, contextId: string, response: ServerResponse): void {
  const filters = { resourceLinkId: url.searchParams.get('resource_link_id'), resourceId: url.searchParams.get('resource_id'), tag: url.searchParams.get('tag') };
  const items = [...state.lineItems.values()].filter(
    (item) =>
      item.contextId === contextId &&
      (filters.resourceLinkId === null || item.resourceLinkId === filters.resourceLinkId) &&
      (filters.resourceId === null || item.resourceId === filters.resourceId) &&
      (filters.tag === null || item.tag === filters.tag),
  );
  const page = pageOf(items, url, LINE_ITEMS_PAGE_SIZE_DEFAULT);
  const link = pagingLink(state, url, page);
  sendJson(response, 200, page.items, MEDIA_TYPE.lineItemContainer, link === undefined ? {} : { link });
}

async function publishScore(state: PlatformState, request: IncomingMessage, target: AgsTarget & { lineItem: LineItem }, response: ServerResponse): Promise<void> {
  const body = await readJson(request, MEDIA_TYPE.score);
  const problems = checkScore(body);
  if (problems.length > 0) throw new HttpProblem(400, problems);
  const score = body as Score;
  // Like an LMS gradebook, a score is only taken for someone enrolled in the course.
  if (!(state.rosters.get(target.contextId) ?? []).some((member) => member.userId === score.userId)) {
    throw new HttpProblem(400, [`userId ${score.userId} is not a member of context ${target.contextId} (send the launch's sub)`]);
  }
  const results = state.results.get(target.lineItem.id) ?? new Map<string, Score>();
  const isNewer = isScoreNewer(score, results.get(score.userId));
  state.scoreRecords.push({ contextId: target.contextId, lineItemId: target.lineItem.id, score, outcome: isNewer ? 'accepted' : 'ignored-older', atMs: Date.now() });
  if (!isNewer) throw new HttpProblem(409, ['a score with a later timestamp is already recorded for this user']);
  results.set(score.userId, score);
  state.results.set(target.lineItem.id, results);
  response.writeHead(204).end();
}

function listResults(state: PlatformState, url: URL, lineItem: LineItem, response: ServerResponse): void {
  const userId = url.searchParams.get('user_id');
  const results = [...(state.results.get(lineItem.id) ?? new Map<string, Score>()).values()]
    .filter((score) => userId === null || score.userId === userId)
    .map((score) => ({
      id: `${lineItem.id.replace('?', `/results/${encodeURIComponent(score.userId)}?`)}`,
      scoreOf: lineItem.id,
      userId: score.userId,
      resultScore: score.scoreGiven,
      resultMaximum: score.scoreMaximum,
      comment: score.comment,
    }));
  sendJson(response, 200, results, MEDIA_TYPE.resultContainer);
}

async function serveAgs(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  const target = resolveTarget(state, url);
  const readScopes = [SCOPE.lineItem, SCOPE.lineItemReadOnly];
  if (target.operation === 'container') {
    if (method === 'GET') {
      authorizeService(state, request, readScopes);
      if (!accepts(request, MEDIA_TYPE.lineItemContainer)) throw new HttpProblem(406, [`Accept must allow ${MEDIA_TYPE.lineItemContainer}`]);
      return listLineItems(state, url, target.contextId, response);
    }
    if (method !== 'POST') refuseMethod(method, 'GET, POST');
    authorizeService(state, request, [SCOPE.lineItem]);
    const { problems, fields } = checkLineItem(await readJson(request, MEDIA_TYPE.lineItem));
    if (fields === undefined) throw new HttpProblem(400, problems);
    return sendJson(response, 201, state.createLineItem(target.contextId, fields), MEDIA_TYPE.lineItem);
  }
  const lineItem = target.lineItem as LineItem;
  if (target.operation === 'scores') {
    if (method !== 'POST') refuseMethod(method, 'POST');
    authorizeService(state, request, [SCOPE.score]);
    return publishScore(state, request, { ...target, lineItem }, response);
  }
  if (target.operation === 'results') {
    if (method !== 'GET') refuseMethod(method, 'GET');
    authorizeService(state, request, [SCOPE.resultReadOnly]);
    return listResults(state, url, lineItem, response);
  }
  if (method === 'GET') {
    authorizeService(state, request, readScopes);
    return sendJson(response, 200, lineItem, MEDIA_TYPE.lineItem);
  }
  if (method === 'PUT') {
    authorizeService(state, request, [SCOPE.lineItem]);
    const { problems, fields } = checkLineItem(await readJson(request, MEDIA_TYPE.lineItem));
    if (fields === undefined) throw new HttpProblem(400, problems);
    const updated: LineItem = { ...fields, id: lineItem.id, contextId: lineItem.contextId };
    state.lineItems.set(lineItem.id, updated);
    return sendJson(response, 200, updated, MEDIA_TYPE.lineItem);
  }
  if (method === 'DELETE') {
    authorizeService(state, request, [SCOPE.lineItem]);
    state.lineItems.delete(lineItem.id);
    state.results.delete(lineItem.id);
    response.writeHead(204).end();
    return;
  }
  refuseMethod(method, 'GET, PUT, DELETE');
}

/** Every AGS request is recorded with its outcome, so tests can see what the tool got wrong. */
export async function handleAgs(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const record = state.serviceRequests.push({ method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, problems: [], atMs: Date.now() });
  try {
    await serveAgs(state, request, response, url);
    record.status = response.statusCode;
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    record.status = error.status;
    record.problems = error.problems;
    sendJson(response, error.status, { error: 'request_refused', problems: error.problems }, 'application/json', error.headers);
  }
}
