import { PAGE_SIZE_MAX } from './limits.ts';
import type { PlatformState } from './platform-state.ts';

export interface Page<T> {
  items: T[];
  limit: number;
  /** 1-based page number of this page. */
  page: number;
  hasNext: boolean;
}

/** Reads `limit` and `page` from the query (AGS 2.0 §3.2.5, NRPS 2.0 §2.4.2), capped by PAGE_SIZE_MAX. */
export function pageOf<T>(items: T[], url: URL, pageSizeDefault: number): Page<T> {
  const requestedLimit = Number.parseInt(url.searchParams.get('limit') ?? '', 10);
  const limit = Math.min(Number.isInteger(requestedLimit) && requestedLimit > 0 ? requestedLimit : pageSizeDefault, PAGE_SIZE_MAX);
  const requestedPage = Number.parseInt(url.searchParams.get('page') ?? '', 10);
  const page = Number.isInteger(requestedPage) && requestedPage > 0 ? requestedPage : 1;
  const start = (page - 1) * limit;
  return { items: items.slice(start, start + limit), limit, page, hasNext: start + limit < items.length };
}

/** `Link: <…>; rel="next"` (RFC 8288) keeping the other query parameters, or undefined on the last page. */
export function pagingLink(state: PlatformState, url: URL, page: Page<unknown>): string | undefined {
  if (!page.hasNext) return undefined;
  const next = new URL(`${url.pathname}${url.search}`, state.baseUrl);
  next.searchParams.set('limit', String(page.limit));
  next.searchParams.set('page', String(page.page + 1));
  return `<${next.href}>; rel="next"`;
}
