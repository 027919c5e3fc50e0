import { LtiError } from './errors.ts';
import { findNextLink } from './parse-link-header.ts';
import { requestPlatform } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';

export interface PagedRequest {
  url: string;
  mediaType: string;
  accessToken: string;
  fetch: FetchFunction;
  pageCountMax: number;
  purpose: string;
}

/**
 * Follows `Link: <…>; rel="next"` (AGS 2.0 §3.2.2, NRPS 2.0 §2.4.1) and hands each parsed JSON
 * page to `readPage`, which returns false to stop early. Stops at `pageCountMax` pages and says
 * so, and refuses a next link that points back to a page already read (a loop).
 */
export async function readPagedCollection(request: PagedRequest, readPage: (body: unknown) => boolean): Promise<{ isTruncated: boolean }> {
  const seen = new Set<string>();
  let url: string | undefined = request.url;
  for (let pageCount = 0; url !== undefined; pageCount += 1) {
    if (pageCount >= request.pageCountMax) return { isTruncated: true };
    if (seen.has(url)) throw new LtiError('platform_error', `${request.purpose}: paging loops back to ${url}`);
    seen.add(url);
    const response = await requestPlatform({
      fetch: request.fetch,
      url,
      headers: { authorization: `Bearer ${request.accessToken}`, accept: request.mediaType },
      purpose: request.purpose,
    });
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch (error) {
      throw new LtiError('platform_error', `${request.purpose}: page is not JSON`, { cause: error });
    }
    const next = findNextLink(response.headers.get('link'), url, request.url);
    if (!readPage(body)) return { isTruncated: next !== undefined };
    url = next;
  }
  return { isTruncated: false };
}
