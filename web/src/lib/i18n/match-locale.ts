/**
 * The supported UI locale closest to a language tag from outside the app: the LMS launch
 * (`launch_presentation.locale` or the `locale` claim) or the browser. Platforms spell tags in
 * many ways — "sr", "sr_RS" (Moodle, Java), "sq-AL", "sr-Latn-RS", "sr_RS@latin" (POSIX), "me" —
 * so matching is by language and script, never by the exact string.
 */

/** Language subtags that mean a supported language under another name. */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  // "me" is not an ISO 639 code, but platforms in Montenegro used it for Montenegrin before
  // "cnr" was registered (2017).
  me: 'cnr',
};

/**
 * The script taken when a tag names none. Serbian is written in both; the LMSs of the region
 * (and most municipal staff on a keyboard) use Latin, so a bare "sr" means Serbian Latin.
 */
const DEFAULT_SCRIPTS: Readonly<Record<string, string>> = { sr: 'Latn' };

/** POSIX modifiers that name a script: "sr_RS@latin". */
const POSIX_SCRIPTS: Readonly<Record<string, string>> = { latin: 'Latn', cyrillic: 'Cyrl' };

/** A language tag longer than this is not a language tag (RFC 5646 tags in use stay far below). */
const TAG_LENGTH_MAX = 64;

interface ParsedTag {
  language: string;
  script: string | undefined;
}

function parseTag(tag: string): ParsedTag | undefined {
  // "sr_RS.UTF-8@latin" → language "sr", region "rs", encoding "utf-8", modifier "latin".
  const [beforeModifier = '', modifier = ''] = tag.trim().toLowerCase().split('@');
  const [withoutEncoding = ''] = beforeModifier.split('.');
  const [first = '', ...rest] = withoutEncoding.replaceAll('_', '-').split('-');
  if (!/^[a-z]{2,3}$/.test(first)) return undefined;
  const scriptSubtag = rest.find((subtag) => /^[a-z]{4}$/.test(subtag));
  const script = scriptSubtag === undefined ? POSIX_SCRIPTS[modifier] : `${scriptSubtag[0]?.toUpperCase()}${scriptSubtag.slice(1)}`;
  return { language: LANGUAGE_ALIASES[first] ?? first, script };
}

/** The supported locale for `tag`, or undefined when none is close enough. */
export function findLocale<T extends string>(tag: string | null | undefined, supported: readonly T[]): T | undefined {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > TAG_LENGTH_MAX) return undefined;
  const parsed = parseTag(tag);
  if (parsed === undefined) return undefined;
  const script = parsed.script ?? DEFAULT_SCRIPTS[parsed.language];
  const byLowerCase = new Map(supported.map((locale) => [locale.toLowerCase(), locale]));
  const candidates = [script === undefined ? undefined : `${parsed.language}-${script}`, parsed.language];
  for (const candidate of candidates) {
    const match = candidate === undefined ? undefined : byLowerCase.get(candidate.toLowerCase());
    if (match !== undefined) return match;
  }
  // A script we do not have ("cnr-Cyrl", "hr-Latn"): the language in the script we do have.
  return supported.find((locale) => locale.toLowerCase().split('-')[0] === parsed.language);
}

/** The supported locale for `tag`; `fallback` (the base locale) when nothing matches. */
export function matchLocale<T extends string>(tag: string | null | undefined, supported: readonly T[], fallback?: T): T {
  const base = fallback ?? supported.find((locale) => locale === 'en') ?? supported[0];
  if (base === undefined) throw new Error('matchLocale needs at least one supported locale');
  return findLocale(tag, supported) ?? base;
}
