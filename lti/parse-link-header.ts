import { LtiError } from './errors.ts';

/** A Link header longer than this is not parsed (RFC 8288 sets no limit; we do). */
export const LINK_HEADER_CHARS_MAX = 8192;

/**
 * Finds the `rel="next"` target in an RFC 8288 Link header, as AGS 2.0 §3.2 (line items) and
 * NRPS 2.0 §2.4 (membership paging) use it. Relative targets resolve against the page URL.
 *
 * The next page must stay on the origin of the first page: we send a bearer token with it, and
 * a platform answer must not be able to send that token to another host.
 */
export function findNextLink(linkHeader: string | null, pageUrl: string, firstUrl: string): string | undefined {
  if (linkHeader === null || linkHeader.length === 0) return undefined;
  if (linkHeader.length > LINK_HEADER_CHARS_MAX) {
    throw new LtiError('platform_error', `Link header longer than ${LINK_HEADER_CHARS_MAX} characters`);
  }
  for (const part of splitLinks(linkHeader)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/s.exec(part);
    if (match === null) continue;
    const target = match[1] ?? '';
    const params = match[2] ?? '';
    if (!hasRelNext(params)) continue;
    const next = new URL(target, pageUrl);
    if (next.origin !== new URL(firstUrl).origin) {
      throw new LtiError('platform_error', `next page ${next.href} is on another origin than ${firstUrl}`);
    }
    return next.href;
  }
  return undefined;
}

/** Splits on commas that are outside <…> and quotes (URLs may contain commas). */
function splitLinks(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let isInUrl = false;
  let isInQuotes = false;
  for (const char of header) {
    if (char === '<' && !isInQuotes) isInUrl = true;
    else if (char === '>' && !isInQuotes) isInUrl = false;
    else if (char === '"' && !isInUrl) isInQuotes = !isInQuotes;
    if (char === ',' && !isInUrl && !isInQuotes) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** rel may hold several space-separated relation types, quoted or not (RFC 8288 §3.3). */
function hasRelNext(params: string): boolean {
  for (const param of params.split(';')) {
    const match = /^\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))\s*$/i.exec(param);
    if (match === null) continue;
    const value = match[1] ?? match[2] ?? '';
    if (value.toLowerCase().split(/\s+/).includes('next')) return true;
  }
  return false;
}
