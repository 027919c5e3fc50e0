/**
 * What the LRS sets on a valid Statement before storing it (Data §2.4):
 * - id: kept, or a new UUID (§2.4.1.s2: "the LRS MUST generate one if none is provided");
 * - stored: always overwritten with the storage time (§2.4.8.s3.b2), in UTC, millisecond precision;
 * - timestamp: kept, or set to `stored` (§2.4.7.s3.b2);
 * - authority: overwritten with the credential's Agent or Group (§2.4.9.s3: the LRS SHOULD*
 *   overwrite it; the caller decides what the credential stands for);
 * - version: kept as sent (Communication §3.3 and the "retain the version" requirement); when
 *   absent, the request's version family ("1.0.0" for 1.0.x clients, "2.0.0" for 2.0);
 * - context.contextActivities: single Activities become arrays of one (§2.4.6.2.s4.b3);
 * - result.duration: for 2.0 requests truncated to 0.01 s (Data §4.6.s1.b4 allows it).
 * No objectType is added: defaults stay implicit, so a stored Statement reads back as sent.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, ContextActivitiesInput, Statement, StoredStatement, SubStatement, XapiVersionFamily } from '../types.ts';
import { normalizeContextActivities, truncateDuration } from './normalize-statement.ts';

/** The version the LRS writes into Statements that come without one, per request family. */
export const DEFAULT_STATEMENT_VERSION: Readonly<Record<XapiVersionFamily, string>> = {
  '1.0': '1.0.0',
  '2.0': '2.0.0',
};

export interface PrepareStatementOptions {
  stored: Date;
  authority: Actor;
  requestVersion: XapiVersionFamily;
  generateId?: () => string;
}

function normalizeParts<T extends Statement | SubStatement>(statement: T, requestVersion: XapiVersionFamily): T {
  const result: T = { ...statement };
  if (statement.context?.contextActivities !== undefined) {
    const input = statement.context.contextActivities as ContextActivitiesInput;
    result.context = { ...statement.context, contextActivities: normalizeContextActivities(input) };
  }
  if (requestVersion === '2.0' && statement.result?.duration !== undefined) {
    result.result = { ...statement.result, duration: truncateDuration(statement.result.duration) };
  }
  if (statement.object.objectType === 'SubStatement') {
    result.object = normalizeParts(statement.object, requestVersion);
  }
  return result;
}

/** Returns the Statement to store; the input is not modified. */
export function prepareStatement(statement: Statement, options: PrepareStatementOptions): StoredStatement {
  const stored = options.stored.toISOString();
  const normalized = normalizeParts(statement, options.requestVersion);
  return {
    ...normalized,
    id: statement.id ?? (options.generateId ?? randomUUID)(),
    timestamp: statement.timestamp ?? stored,
    stored,
    authority: options.authority,
    version: statement.version ?? DEFAULT_STATEMENT_VERSION[options.requestVersion],
  };
}
