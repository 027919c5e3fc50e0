import { LtiError } from './errors.ts';
import { isRecord, requestPlatformJson } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';
import { readPagedCollection } from './read-paged-collection.ts';
import { buildResultsUrl } from './ags-scores.ts';

export const AGS_LINE_ITEM_MEDIA_TYPE = 'application/vnd.ims.lis.v2.lineitem+json';
export const AGS_LINE_ITEM_CONTAINER_MEDIA_TYPE = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
export const AGS_RESULT_CONTAINER_MEDIA_TYPE = 'application/vnd.ims.lis.v2.resultcontainer+json';
/** Pages of line items or results read before giving up; a course has a handful of columns. */
export const AGS_PAGES_MAX = 20;
/** Line items or results kept from one listing. */
export const AGS_ITEMS_MAX = 5000;

/** AGS 2.0 §3.2 line item, with the spec's names. */
export interface AgsLineItem {
  id?: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
}

/** AGS 2.0 §3.3 result. */
export interface AgsResult {
  id: string | undefined;
  userId: string;
  resultScore: number | undefined;
  resultMaximum: number | undefined;
  comment: string | undefined;
  scoreOf: string | undefined;
}

/**
 * Lists line items, optionally filtered by the query parameters the spec defines
 * (`resource_link_id`, `resource_id`, `tag`, §3.2.4), following paging links.
 */
export async function listLineItems(input: {
  lineItemsUrl: string;
  accessToken: string;
  fetch: FetchFunction;
  filter?: { resourceLinkId?: string; resourceId?: string; tag?: string };
}): Promise<AgsLineItem[]> {
  const url = new URL(input.lineItemsUrl);
  if (input.filter?.resourceLinkId !== undefined) url.searchParams.set('resource_link_id', input.filter.resourceLinkId);
  if (input.filter?.resourceId !== undefined) url.searchParams.set('resource_id', input.filter.resourceId);
  if (input.filter?.tag !== undefined) url.searchParams.set('tag', input.filter.tag);
  const items: AgsLineItem[] = [];
  const request = { url: url.href, mediaType: AGS_LINE_ITEM_CONTAINER_MEDIA_TYPE, accessToken: input.accessToken, fetch: input.fetch, pageCountMax: AGS_PAGES_MAX, purpose: 'AGS line items' };
  await readPagedCollection(request, (body) => {
    if (!Array.isArray(body)) throw new LtiError('platform_error', 'AGS line items: page is not an array');
    for (const item of body) {
      if (items.length >= AGS_ITEMS_MAX) return false;
      items.push(parseLineItem(item));
    }
    return true;
  });
  return items;
}

/** Creates a line item (AGS 2.0 §3.2.5) and returns it as the platform stored it, with its id. */
export async function createLineItem(input: { lineItemsUrl: string; lineItem: AgsLineItem; accessToken: string; fetch: FetchFunction }): Promise<AgsLineItem> {
  if (!(input.lineItem.scoreMaximum > 0) || input.lineItem.label.length === 0) {
    throw new LtiError('claim_invalid', 'a line item needs a label and a positive scoreMaximum');
  }
  const { body } = await requestPlatformJson({
    fetch: input.fetch,
    url: input.lineItemsUrl,
    method: 'POST',
    headers: {
      authorization: `Bearer ${input.accessToken}`,
      'content-type': AGS_LINE_ITEM_MEDIA_TYPE,
      accept: AGS_LINE_ITEM_MEDIA_TYPE,
    },
    body: JSON.stringify(input.lineItem),
    purpose: 'AGS create line item',
  });
  const created = parseLineItem(body);
  if (created.id === undefined) throw new LtiError('platform_error', 'AGS create line item: answer has no id');
  return created;
}

/** Reads the results of a line item (AGS 2.0 §3.3), optionally for one user. */
export async function listResults(input: { lineItemUrl: string; accessToken: string; fetch: FetchFunction; userId?: string }): Promise<AgsResult[]> {
  const url = new URL(buildResultsUrl(input.lineItemUrl));
  if (input.userId !== undefined) url.searchParams.set('user_id', input.userId);
  const results: AgsResult[] = [];
  const request = { url: url.href, mediaType: AGS_RESULT_CONTAINER_MEDIA_TYPE, accessToken: input.accessToken, fetch: input.fetch, pageCountMax: AGS_PAGES_MAX, purpose: 'AGS results' };
  await readPagedCollection(request, (body) => {
    if (!Array.isArray(body)) throw new LtiError('platform_error', 'AGS results: page is not an array');
    for (const item of body) {
      if (results.length >= AGS_ITEMS_MAX) return false;
      if (!isRecord(item) || typeof item.userId !== 'string') throw new LtiError('platform_error', 'AGS results: a result has no userId');
      results.push({
        id: stringOrUndefined(item.id),
        userId: item.userId,
        resultScore: numberOrUndefined(item.resultScore),
        resultMaximum: numberOrUndefined(item.resultMaximum),
        comment: stringOrUndefined(item.comment),
        scoreOf: stringOrUndefined(item.scoreOf),
      });
    }
    return true;
  });
  return results;
}

function parseLineItem(value: unknown): AgsLineItem {
  if (!isRecord(value) || typeof value.label !== 'string' || typeof value.scoreMaximum !== 'number') {
    throw new LtiError('platform_error', 'AGS: a line item lacks label or scoreMaximum');
  }
  const item: AgsLineItem = { label: value.label, scoreMaximum: value.scoreMaximum };
  for (const key of ['id', 'resourceId', 'resourceLinkId', 'tag', 'startDateTime', 'endDateTime'] as const) {
    const field = value[key];
    if (typeof field === 'string') item[key] = field;
  }
  return item;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
