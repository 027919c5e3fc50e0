/** Communication §2.4 Agents Resource: the Person object combining what is known of one person. */
import type { Agent, Person } from '../types.ts';
import { identifierKey, extractIdentifier } from './agent-identity.ts';

function pushDistinct<T>(list: T[], item: T, key: (value: T) => string): void {
  if (!list.some((existing) => key(existing) === key(item))) list.push(item);
}

/**
 * Builds a Person from the Agents the LRS considers the same person. The queried Agent comes
 * first, so its identifiers are first in every list. With only the queried Agent known, the
 * Person holds just that Agent's properties (Communication §2.4.s4).
 */
export function personFromAgents(agents: readonly Agent[]): Person {
  const person: Person = { objectType: 'Person', name: [], mbox: [], mbox_sha1sum: [], openid: [], account: [] };
  for (const agent of agents) {
    if (agent.name !== undefined) pushDistinct(person.name, agent.name, (name) => name);
    const identifier = extractIdentifier(agent);
    if (identifier === undefined) continue;
    const key = (value: unknown): string => identifierKey({ kind: identifier.kind, value } as never);
    if (identifier.kind === 'account') pushDistinct(person.account, identifier.value, key);
    else pushDistinct(person[identifier.kind], identifier.value, key);
  }
  return person;
}

/** The Person object as sent on the wire: empty lists are omitted (Communication §2.4 table). */
export function serializePerson(person: Person): Partial<Person> & { objectType: 'Person' } {
  const result: Partial<Person> & { objectType: 'Person' } = { objectType: 'Person' };
  for (const key of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'] as const) {
    if (person[key].length > 0) (result as Record<string, unknown>)[key] = person[key];
  }
  return result;
}
