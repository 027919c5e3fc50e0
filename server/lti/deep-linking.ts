import { and, eq, gt } from 'drizzle-orm';

import { signDeepLinkingResponse, type ResourceLinkItem } from '../../lti/index.ts';
import { generateToken, hashToken } from '../admin/tokens.ts';
import { readSourceCourse, titleOf } from '../courses/read-catalogue.ts';
import type { Database } from '../db/index.ts';
import { launchHandoffs } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { HANDOFF_LIFETIME_MS } from '../session/launch-handoffs.ts';
import type { LaunchSession } from '../session/launch-session.ts';
import { CUSTOM_COURSE_PARAMETER, CUSTOM_MODULE_PARAMETER } from './record-launch.ts';
import { findPlatformById } from './platform-records.ts';
import { readSigningKey } from './tool-keys.ts';

/** Items one content selection may return. */
export const DEEP_LINK_ITEMS_MAX = 20;
/** Gradebook columns are out of 100: a module's scaled score times 100. */
export const LINE_ITEM_SCORE_MAXIMUM = 100;

export interface SelectedContent {
  courseId: string;
  moduleId?: string | undefined;
}

/**
 * Deep Linking 2.0 §4: turns the trainer's selection into `ltiResourceLink` items (custom
 * parameters naming the course and module, a line item so the LMS makes a gradebook column),
 * signs the response, and parks it behind a one-time code for the page that posts it back.
 */
export async function prepareDeepLinkingResponse(
  db: Database,
  input: { session: LaunchSession; selection: readonly SelectedContent[]; publicUrl: string; contentDirectory: string },
): Promise<{ code: string }> {
  const deepLinking = input.session.deepLinking;
  if (input.session.messageType !== 'LtiDeepLinkingRequest' || deepLinking === undefined) {
    throw new AppError('forbidden', 'This session was not opened to choose content for the LMS.');
  }
  if (input.selection.length === 0 || input.selection.length > DEEP_LINK_ITEMS_MAX) {
    throw new AppError('bad_request', `Choose between 1 and ${DEEP_LINK_ITEMS_MAX} courses or modules.`);
  }
  if (input.selection.length > 1 && !deepLinking.settings.isMultipleAccepted) {
    throw new AppError('bad_request', 'The LMS accepts only one item here: choose one course or module.');
  }
  const items: ResourceLinkItem[] = [];
  for (const selected of input.selection) {
    const course = await readSourceCourse(selected.courseId, input.contentDirectory);
    const title = titleOf(course, selected.moduleId);
    const custom: Record<string, string> = { [CUSTOM_COURSE_PARAMETER]: course.id };
    if (selected.moduleId !== undefined) custom[CUSTOM_MODULE_PARAMETER] = selected.moduleId;
    const resourceId = selected.moduleId === undefined ? course.id : `${course.id}/${selected.moduleId}`;
    items.push({ title, url: `${input.publicUrl}/lti/launch`, custom, lineItem: { scoreMaximum: LINE_ITEM_SCORE_MAXIMUM, label: title, resourceId } });
  }
  const platform = await findPlatformById(db, input.session.platformId);
  if (platform === undefined) throw new AppError('conflict', 'The platform of this session is no longer registered.');
  const jwt = await signDeepLinkingResponse({
    clientId: platform.clientId,
    platformIssuer: platform.issuer,
    deploymentId: deepLinking.deploymentId,
    settings: deepLinking.settings,
    items,
    toolOrigin: new URL(input.publicUrl).origin,
    key: await readSigningKey(db),
  });
  const code = generateToken();
  await db.insert(launchHandoffs).values({
    codeHash: hashToken(code),
    status: 'deep_link',
    session: { returnUrl: deepLinking.settings.returnUrl, jwt },
    expiresAt: new Date(Date.now() + HANDOFF_LIFETIME_MS),
  });
  return { code };
}

/** The signed response for the return page, once. */
export async function redeemDeepLinkingResponse(db: Database, code: string): Promise<{ returnUrl: string; jwt: string } | undefined> {
  const rows = await db
    .update(launchHandoffs)
    .set({ status: 'used' })
    .where(and(eq(launchHandoffs.codeHash, hashToken(code)), eq(launchHandoffs.status, 'deep_link'), gt(launchHandoffs.expiresAt, new Date())))
    .returning({ session: launchHandoffs.session });
  return rows[0]?.session as { returnUrl: string; jwt: string } | undefined;
}
