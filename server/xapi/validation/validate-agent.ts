/** Data §2.4.2: Agents, Groups, Inverse Functional Identifiers and Account objects. */
import { isIri, isIrl, isMailtoIri, isSha1Hex } from './formats.ts';
import {
  checkArray,
  checkFormat,
  checkObject,
  checkString,
  report,
  requireProperty,
  type Checker,
} from './problems.ts';

export const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

const AGENT_KEYS = ['objectType', 'name', ...IFI_KEYS] as const;
const GROUP_KEYS = ['objectType', 'name', 'member', ...IFI_KEYS] as const;
const ACCOUNT_KEYS = ['homePage', 'name'] as const;

/** Data §2.4.2.4: both properties required; homePage is an IRL. */
function validateAccount(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, ACCOUNT_KEYS)) return;
  if (requireProperty(checker, value, 'homePage', path)) {
    checkFormat(checker, value.homePage, `${path}.homePage`, isIrl, 'an IRL');
  }
  if (requireProperty(checker, value, 'name', path)) checkString(checker, value.name, `${path}.name`);
}

/** Data §2.4.2.3: validates whichever IFIs are present and returns how many there are. */
function validateIdentifiers(checker: Checker, value: Record<string, unknown>, path: string): number {
  let count = 0;
  if ('mbox' in value) {
    count += 1;
    checkFormat(checker, value.mbox, `${path}.mbox`, isMailtoIri, 'a mailto IRI ("mailto:" and an email address)');
  }
  if ('mbox_sha1sum' in value) {
    count += 1;
    checkFormat(checker, value.mbox_sha1sum, `${path}.mbox_sha1sum`, isSha1Hex, 'a hex-encoded SHA-1 hash');
  }
  if ('openid' in value) {
    count += 1;
    checkFormat(checker, value.openid, `${path}.openid`, isIri, 'a URI');
  }
  if ('account' in value) {
    count += 1;
    validateAccount(checker, value.account, `${path}.account`);
  }
  return count;
}

/** Data §2.4.2.1: an Agent has exactly one IFI; objectType, when present, is exactly "Agent". */
export function validateAgent(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, AGENT_KEYS)) return;
  if ('objectType' in value && value.objectType !== 'Agent') {
    report(checker, `${path}.objectType`, 'must be "Agent"');
  }
  if ('name' in value) checkString(checker, value.name, `${path}.name`);
  const count = validateIdentifiers(checker, value, path);
  if (count !== 1) {
    report(checker, path, `must have exactly one of mbox, mbox_sha1sum, openid, account (has ${count})`);
  }
}

/**
 * Data §2.4.2.2: a Group's objectType is "Group". Anonymous (no IFI) Groups must list their
 * members; identified Groups have exactly one IFI. Members are Agents, never Groups.
 */
export function validateGroup(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, GROUP_KEYS)) return;
  if (value.objectType !== 'Group') report(checker, `${path}.objectType`, 'must be "Group"');
  if ('name' in value) checkString(checker, value.name, `${path}.name`);
  const count = validateIdentifiers(checker, value, path);
  if (count > 1) {
    report(checker, path, `must have at most one of mbox, mbox_sha1sum, openid, account (has ${count})`);
  }
  if (count === 0 && !('member' in value)) {
    report(checker, `${path}.member`, 'is required for an anonymous Group');
  }
  if ('member' in value && checkArray(checker, value.member, `${path}.member`)) {
    value.member.forEach((member, index) => validateAgent(checker, member, `${path}.member[${index}]`));
  }
}

/** Data §2.4.2: an Actor is a Group when objectType is "Group", otherwise an Agent. */
export function validateActor(checker: Checker, value: unknown, path: string): void {
  if (typeof value === 'object' && value !== null && (value as { objectType?: unknown }).objectType === 'Group') {
    validateGroup(checker, value, path);
  } else {
    validateAgent(checker, value, path);
  }
}
