import { LtiError } from './errors.ts';
import { requestPlatform } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';

export const AGS_SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';
/** Longest comment sent with a score; the LMS shows it in the gradebook, not an essay. */
export const SCORE_COMMENT_CHARS_MAX = 1000;

export const ACTIVITY_PROGRESS_VALUES = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
export const GRADING_PROGRESS_VALUES = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;
export type ActivityProgress = (typeof ACTIVITY_PROGRESS_VALUES)[number];
export type GradingProgress = (typeof GRADING_PROGRESS_VALUES)[number];

/** AGS 2.0 §3.4 score publish payload, with the spec's names. */
export interface AgsScore {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  timestamp: string;
}

/**
 * `{lineitem}/scores`: the service path goes into the URL's path, before its query string.
 * Moodle's line item URLs carry `?type_id=…`; appending after the query breaks them.
 */
export function buildScoresUrl(lineItemUrl: string): string {
  return appendPathSegment(lineItemUrl, 'scores');
}

/** `{lineitem}/results` (AGS 2.0 §3.3), built the same way. */
export function buildResultsUrl(lineItemUrl: string): string {
  return appendPathSegment(lineItemUrl, 'results');
}

function appendPathSegment(url: string, segment: string): string {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/${segment}`;
  return parsed.href;
}

/**
 * A score for one user. The timestamp is ISO 8601 with milliseconds: the platform keeps the
 * latest score by timestamp, so sub-second precision orders two quick attempts correctly.
 */
export function buildScore(input: {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  at: Date;
}): AgsScore {
  if (input.userId.length === 0) throw new LtiError('claim_invalid', 'score without userId');
  if (input.scoreGiven !== undefined) {
    // §3.4.4: scoreGiven needs scoreMaximum, both non-negative, the maximum above zero.
    const isValid =
      Number.isFinite(input.scoreGiven) && input.scoreGiven >= 0 &&
      input.scoreMaximum !== undefined && Number.isFinite(input.scoreMaximum) && input.scoreMaximum > 0;
    if (!isValid) throw new LtiError('claim_invalid', 'scoreGiven needs a positive scoreMaximum and must not be negative');
  }
  const score: AgsScore = {
    userId: input.userId,
    activityProgress: input.activityProgress,
    gradingProgress: input.gradingProgress,
    timestamp: input.at.toISOString(),
  };
  if (input.scoreGiven !== undefined) score.scoreGiven = input.scoreGiven;
  if (input.scoreMaximum !== undefined) score.scoreMaximum = input.scoreMaximum;
  if (input.comment !== undefined) score.comment = input.comment.slice(0, SCORE_COMMENT_CHARS_MAX);
  return score;
}

/** Posts a score to `{lineitem}/scores` with the AGS score media type (AGS 2.0 §3.4). */
export async function postScore(input: { lineItemUrl: string; score: AgsScore; accessToken: string; fetch: FetchFunction }): Promise<void> {
  await requestPlatform({
    fetch: input.fetch,
    url: buildScoresUrl(input.lineItemUrl),
    method: 'POST',
    headers: { authorization: `Bearer ${input.accessToken}`, 'content-type': AGS_SCORE_MEDIA_TYPE },
    body: JSON.stringify(input.score),
    purpose: 'AGS score',
  });
}
