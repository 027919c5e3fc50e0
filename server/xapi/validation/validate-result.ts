/** Data §2.4.5 Result and §2.4.5.1 Score. */
import { isDuration } from './formats.ts';
import {
  checkBoolean,
  checkFormat,
  checkNumber,
  checkObject,
  checkString,
  report,
  type Checker,
} from './problems.ts';
import { validateExtensions } from './validate-common.ts';

const RESULT_KEYS = ['score', 'success', 'completion', 'response', 'duration', 'extensions'] as const;
const SCORE_KEYS = ['scaled', 'raw', 'min', 'max'] as const;

/** Data §2.4.5.1.s3: scaled in [-1, 1]; min < max; raw within [min, max] where they are given. */
export function validateScore(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, SCORE_KEYS)) return;
  const numbers: Partial<Record<(typeof SCORE_KEYS)[number], number>> = {};
  for (const key of SCORE_KEYS) {
    if (key in value && checkNumber(checker, value[key], `${path}.${key}`)) numbers[key] = value[key] as number;
  }
  const { scaled, raw, min, max } = numbers;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) report(checker, `${path}.scaled`, 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) report(checker, `${path}.min`, 'must be less than max');
  if (raw !== undefined && min !== undefined && raw < min) report(checker, `${path}.raw`, 'must not be less than min');
  if (raw !== undefined && max !== undefined && raw > max) report(checker, `${path}.raw`, 'must not be greater than max');
}

export function validateResult(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, RESULT_KEYS)) return;
  if ('score' in value) validateScore(checker, value.score, `${path}.score`);
  if ('success' in value) checkBoolean(checker, value.success, `${path}.success`);
  if ('completion' in value) checkBoolean(checker, value.completion, `${path}.completion`);
  if ('response' in value) checkString(checker, value.response, `${path}.response`);
  if ('duration' in value) {
    checkFormat(checker, value.duration, `${path}.duration`, isDuration, 'an ISO 8601 duration (Data 4.6)');
  }
  if ('extensions' in value) validateExtensions(checker, value.extensions, `${path}.extensions`);
}
