/**
 * Communication §2.1.3 (format=canonical) and RFC 7231 §5.3.5 / RFC 4647 §3.4 lookup: choose one
 * entry of a language map according to an `Accept-Language` header.
 */
import type { LanguageMap } from '../types.ts';

/** More ranges than any browser sends; the rest are ignored so a hostile header costs little. */
export const ACCEPT_LANGUAGE_RANGES_MAX = 32;

interface LanguageRange {
  range: string;
  quality: number;
}

export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (header === undefined) return [];
  const ranges: LanguageRange[] = [];
  for (const part of header.split(',').slice(0, ACCEPT_LANGUAGE_RANGES_MAX)) {
    const [rangeText, ...parameters] = part.trim().split(';');
    const range = rangeText?.trim().toLowerCase() ?? '';
    if (range === '') continue;
    const qualityText = parameters.map((item) => item.trim()).find((item) => item.startsWith('q='))?.slice(2);
    const quality = qualityText === undefined ? 1 : Number(qualityText);
    if (Number.isFinite(quality) && quality > 0) ranges.push({ range, quality });
  }
  // A stable sort keeps the header's order among equal qualities.
  return ranges.sort((left, right) => right.quality - left.quality);
}

/** RFC 4647 lookup: the range, then shorter prefixes of it, against the map's tags. */
function lookup(tags: readonly string[], range: string): string | undefined {
  let candidate = range;
  while (candidate !== '') {
    const found = tags.find((tag) => tag.toLowerCase() === candidate);
    if (found !== undefined) return found;
    const cut = candidate.lastIndexOf('-');
    candidate = cut === -1 ? '' : candidate.slice(0, cut);
  }
  // A range like "en" also accepts "en-US": a reader of English prefers it to another language.
  return tags.find((tag) => tag.toLowerCase().startsWith(`${range}-`));
}

/**
 * The tag to keep: the best match for the header; otherwise `und`, then the first entry, so a
 * map never comes back empty when it had entries.
 */
export function pickLanguage(map: LanguageMap, acceptLanguageHeader: string | undefined): string | undefined {
  const tags = Object.keys(map);
  for (const { range } of parseAcceptLanguage(acceptLanguageHeader)) {
    if (range === '*') return tags[0];
    const found = lookup(tags, range);
    if (found !== undefined) return found;
  }
  return tags.find((tag) => tag.toLowerCase() === 'und') ?? tags[0];
}

/** The map reduced to the one chosen entry. */
export function reduceLanguageMap(map: LanguageMap, acceptLanguageHeader: string | undefined): LanguageMap {
  const tag = pickLanguage(map, acceptLanguageHeader);
  return tag === undefined ? {} : { [tag]: map[tag] as string };
}
