/** Shared normalisations for storing (prepare) and comparing Statements. */
import type { Activity, ContextActivities, ContextActivitiesInput } from '../types.ts';

/** Data §4.6.s1.b4/b5: durations matter to 0.01 s; this many fractional digits of seconds are kept. */
export const DURATION_SECONDS_FRACTION_DIGITS = 2;

/** Truncates the seconds of an ISO 8601 duration to 0.01 s (`PT1.2345S` → `PT1.23S`). */
export function truncateDuration(duration: string): string {
  return duration.replace(
    new RegExp(`(\\d+)[.,](\\d{0,${DURATION_SECONDS_FRACTION_DIGITS}})\\d*S$`),
    (_match, whole: string, fraction: string) => (fraction === '' ? `${whole}S` : `${whole}.${fraction}S`),
  );
}

/** Data §2.4.6.2.s4.b3: a single Activity is returned as an array of one. */
export function normalizeContextActivities(input: ContextActivitiesInput): ContextActivities {
  const result: ContextActivities = {};
  for (const key of ['parent', 'grouping', 'category', 'other'] as const) {
    const value: Activity | Activity[] | undefined = input[key];
    if (value !== undefined) result[key] = Array.isArray(value) ? value : [value];
  }
  return result;
}
