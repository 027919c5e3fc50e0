import { LtiError } from './errors.ts';
import { isRecord } from './platform-http.ts';

/** No claim string we read is longer than this; a longer one is an abuse, not data. */
export const CLAIM_STRING_CHARS_MAX = 8192;
/** No claim array we read (roles, scopes, accept_types…) has more entries than this. */
export const CLAIM_ARRAY_ITEMS_MAX = 200;

/**
 * Small readers for untrusted claim values. They throw `claim_invalid` naming the claim in the
 * log detail, so a malformed optional claim is refused rather than half-read.
 */
export function readOptionalString(source: Record<string, unknown>, key: string, claimName: string): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > CLAIM_STRING_CHARS_MAX) {
    throw new LtiError('claim_invalid', `${claimName}.${key} is not a string of at most ${CLAIM_STRING_CHARS_MAX} characters`);
  }
  return value;
}

export function readOptionalNumber(source: Record<string, unknown>, key: string, claimName: string): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LtiError('claim_invalid', `${claimName}.${key} is not a number`);
  }
  return value;
}

export function readOptionalBoolean(source: Record<string, unknown>, key: string, claimName: string): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new LtiError('claim_invalid', `${claimName}.${key} is not a boolean`);
  return value;
}

export function readOptionalStringArray(source: Record<string, unknown>, key: string, claimName: string): string[] | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!isStringArray(value)) {
    throw new LtiError('claim_invalid', `${claimName}.${key} is not an array of at most ${CLAIM_ARRAY_ITEMS_MAX} strings`);
  }
  return [...value];
}

export function isStringArray(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= CLAIM_ARRAY_ITEMS_MAX &&
    value.every((item) => typeof item === 'string' && item.length <= CLAIM_STRING_CHARS_MAX)
  );
}

/** An optional object claim: absent gives undefined, present but not an object is refused. */
export function readOptionalObject(source: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new LtiError('claim_invalid', `${key} is not an object`);
  return value;
}

/** An absolute http(s) URL, or undefined when absent; anything else is refused. */
export function readOptionalUrl(source: Record<string, unknown>, key: string, claimName: string): string | undefined {
  const value = readOptionalString(source, key, claimName);
  if (value === undefined) return undefined;
  if (!isHttpUrl(value)) throw new LtiError('claim_invalid', `${claimName}.${key} is not an http(s) URL`);
  return value;
}

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const protocol = new URL(value).protocol;
  return protocol === 'https:' || protocol === 'http:';
}
