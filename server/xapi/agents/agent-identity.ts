/** Data §2.4.2.3: Inverse Functional Identifiers, as used for indexing, comparison and queries. */
import type { Account, Actor, InverseFunctionalIdentifier, InverseFunctionalIdentifierKey } from '../types.ts';

export type AgentIdentifier =
  | { kind: 'mbox'; value: string }
  | { kind: 'mbox_sha1sum'; value: string }
  | { kind: 'openid'; value: string }
  | { kind: 'account'; value: Account };

/** The one IFI of a valid Agent or identified Group; undefined for an anonymous Group. */
export function extractIdentifier(actor: InverseFunctionalIdentifier): AgentIdentifier | undefined {
  if (actor.mbox !== undefined) return { kind: 'mbox', value: actor.mbox };
  if (actor.mbox_sha1sum !== undefined) return { kind: 'mbox_sha1sum', value: actor.mbox_sha1sum };
  if (actor.openid !== undefined) return { kind: 'openid', value: actor.openid };
  if (actor.account !== undefined) return { kind: 'account', value: actor.account };
  return undefined;
}

/**
 * A mailto IRI with its domain lower-cased: Data §2.3.1.b7 names the domain part of an email
 * address as case-insensitive, so two spellings identify the same person.
 */
export function normalizeMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at === -1 ? mbox : mbox.slice(0, at) + mbox.slice(at).toLowerCase();
}

/**
 * A stable string key for an IFI, for database indexes and equality: `mbox:mailto:a@b.org`,
 * `mbox_sha1sum:<hex lower-case>`, `openid:<uri>`, `account:<homePage> <name>` (JSON-encoded so no
 * separator inside a value can collide).
 */
export function identifierKey(identifier: AgentIdentifier): string {
  switch (identifier.kind) {
    case 'mbox':
      return `mbox:${normalizeMbox(identifier.value)}`;
    case 'mbox_sha1sum':
      return `mbox_sha1sum:${identifier.value.toLowerCase()}`;
    case 'openid':
      return `openid:${identifier.value}`;
    case 'account':
      return `account:${JSON.stringify([identifier.value.homePage, identifier.value.name])}`;
  }
}

/** The key of an Agent or identified Group, undefined for an anonymous Group. */
export function agentKey(actor: InverseFunctionalIdentifier): string | undefined {
  const identifier = extractIdentifier(actor);
  return identifier === undefined ? undefined : identifierKey(identifier);
}

/** Only the IFI of an actor, as an object with that one property (format=ids, Person building). */
export function identifierProperties(actor: Actor): InverseFunctionalIdentifier {
  const identifier = extractIdentifier(actor);
  if (identifier === undefined) return {};
  const key: InverseFunctionalIdentifierKey = identifier.kind;
  return { [key]: identifier.value };
}

/** The keys of every Agent an actor stands for: itself (when identified) and its members. */
export function actorKeys(actor: Actor): string[] {
  const keys: string[] = [];
  const own = agentKey(actor);
  if (own !== undefined) keys.push(own);
  if (actor.objectType === 'Group') {
    for (const member of actor.member ?? []) {
      const memberKey = agentKey(member);
      if (memberKey !== undefined) keys.push(memberKey);
    }
  }
  return keys;
}
