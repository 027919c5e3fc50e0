/**
 * Format predicates for the string types of Data §4 (IRIs, UUIDs, timestamps, durations,
 * language tags) and the formats the spec names elsewhere (mailto IRI, SHA-1/SHA-2 hex, media
 * type). Data §2.2.s4.b6 and b7 allow best-effort validation for IRIs and language tags; these
 * are as strict as the spec's own examples and the conformance suite allow.
 */

/**
 * Data §2.2.s4.b1.b8 (an IRI needs a scheme) and RFC 3987: a scheme, a colon, then characters
 * allowed in an IRI (no whitespace, no control characters, none of `<>"{}|\^` and backtick).
 */
const IRI_PATTERN = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f-\u009f]+$/i;

export function isIri(text: string): boolean {
  return IRI_PATTERN.test(text);
}

/** An IRL is an IRI that can be dereferenced; best effort (Data §2.2.s4.b6) treats it as an IRI. */
export function isIrl(text: string): boolean {
  return isIri(text);
}

/** Data §2.4.2.3: "mailto:" followed by an email address (one `@`, both sides non-empty). */
const MAILTO_PATTERN = /^mailto:[^\s@:<>()[\],;"\\]+@[^\s@:<>()[\],;"\\]+$/;

export function isMailtoIri(text: string): boolean {
  return MAILTO_PATTERN.test(text);
}

export function isSha1Hex(text: string): boolean {
  return /^[0-9a-f]{40}$/i.test(text);
}

/** Data §2.4.11: SHA-224, SHA-256, SHA-384 or SHA-512, hex encoded. */
export function isSha2Hex(text: string): boolean {
  return /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i.test(text);
}

/**
 * Data §4.4: RFC 4122 UUIDs in their standard string form, variant 2 (the `8`, `9`, `a`, `b`
 * nibble). Any version digit 1–8 is accepted (RFC 9562 added 6–8).
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

const EXTENDED_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?:\d{2})?)?$/;

/**
 * Data §4.5: ISO 8601 combined date and time, extended or basic format. A time zone is only a
 * SHOULD*, so it may be missing; an offset of minus zero (`-00`, `-0000`, `-00:00`) is forbidden
 * by ISO 8601 and RFC 3339 and rejected by the conformance suite.
 */
export function isTimestamp(text: string): boolean {
  const match = EXTENDED_DATE_TIME.exec(text) ?? BASIC_DATE_TIME.exec(text);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second, zone] = match;
  if (zone !== undefined && /^-00:?(?:00)?$/.test(zone)) return false;
  if (zone !== undefined && zone !== 'Z' && !isValidOffset(zone)) return false;
  return isValidDate(Number(year), Number(month), Number(day)) && isValidClock(hour, minute, second);
}

function isValidOffset(zone: string): boolean {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return hours <= 23 && minutes <= 59;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function isValidClock(hour: string | undefined, minute: string | undefined, second: string | undefined): boolean {
  // 60 seconds allows a leap second, as ISO 8601 does.
  return Number(hour) <= 23 && Number(minute) <= 59 && (second === undefined || Number(second) <= 60);
}

/** RFC 3339 §5.6 date-time, the profile Data §4.5.s1.b2 recommends and the LRS emits. */
export function isRfc3339Timestamp(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text) && isTimestamp(text);
}

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const DURATION_PATTERN = new RegExp(
  `^P(?:${NUMBER}W|(?=\\d|T\\d)(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}D)?(?:T(?=\\d)(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?)$`,
);

/**
 * Data §4.6: ISO 8601:2004 §4.4.3.2 durations (`PnYnMnDTnHnMnS` or `PnW`; weeks do not combine
 * with other units, so `P4W1D` is invalid). The alternative format of §4.4.3.3 is not allowed.
 */
export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

const ALPHANUM = '[a-z0-9]';
const LANGUAGE = '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})';
const SCRIPT = '(?:-[a-z]{4})?';
const REGION = '(?:-(?:[a-z]{2}|[0-9]{3}))?';
const VARIANT = `(?:-(?:${ALPHANUM}{5,8}|[0-9]${ALPHANUM}{3}))*`;
const EXTENSION = `(?:-[0-9a-wy-z](?:-${ALPHANUM}{2,8})+)*`;
const PRIVATE_USE = `x(?:-${ALPHANUM}{1,8})+`;
const GRANDFATHERED = [
  'en-GB-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo',
  'i-navajo', 'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-BE-FR', 'sgn-BE-NL', 'sgn-CH-DE', 'art-lojban',
  'cel-gaulish', 'no-bok', 'no-nyn', 'zh-guoyu', 'zh-hakka', 'zh-min', 'zh-min-nan', 'zh-xiang',
].map((tag) => tag.toLowerCase());
const LANGUAGE_TAG_PATTERN = new RegExp(
  `^(?:${LANGUAGE}${SCRIPT}${REGION}${VARIANT}${EXTENSION}(?:-${PRIVATE_USE})?|${PRIVATE_USE})$`,
  'i',
);

/** Data §2.2.s4.b2 and §4.2: RFC 5646 well-formed language tags (the token sequence is checked). */
export function isLanguageTag(text: string): boolean {
  return LANGUAGE_TAG_PATTERN.test(text) || GRANDFATHERED.includes(text.toLowerCase());
}

const TOKEN = "[!#$%&'*+.^_`|~0-9a-z-]+";
const MEDIA_TYPE_PATTERN = new RegExp(
  `^${TOKEN}/${TOKEN}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*$`,
  'i',
);

/** Data §2.4.11 contentType: an Internet Media Type (RFC 2046), parameters allowed. */
export function isMediaType(text: string): boolean {
  return MEDIA_TYPE_PATTERN.test(text);
}
