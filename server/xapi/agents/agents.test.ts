import { describe, expect, it } from 'vitest';
import { actorKeys, agentKey, identifierProperties, normalizeMbox } from './agent-identity.ts';
import { parseAgentParameter } from './parse-agent-parameter.ts';
import { personFromAgents, serializePerson } from './person-from-agents.ts';

describe('agent identity', () => {
  it('builds one key per kind of IFI', () => {
    expect(agentKey({ mbox: 'mailto:A@Example.COM' })).toBe('mbox:mailto:A@example.com');
    expect(agentKey({ mbox_sha1sum: 'ABC' })).toBe('mbox_sha1sum:abc');
    expect(agentKey({ openid: 'http://o.example.com/1' })).toBe('openid:http://o.example.com/1');
    expect(agentKey({ account: { homePage: 'http://example.com', name: 'a b' } })).toBe('account:["http://example.com","a b"]');
    expect(agentKey({})).toBeUndefined();
  });

  it('keeps the local part of an email address as written', () => {
    expect(normalizeMbox('mailto:Ann@EXAMPLE.org')).toBe('mailto:Ann@example.org');
  });

  it('lists the keys of a group and its members', () => {
    expect(actorKeys({ objectType: 'Group', mbox: 'mailto:g@example.com', member: [{ mbox: 'mailto:m@example.com' }, { name: 'no ifi' }] }))
      .toEqual(['mbox:mailto:g@example.com', 'mbox:mailto:m@example.com']);
  });

  it('extracts only the IFI', () => {
    expect(identifierProperties({ name: 'x', openid: 'http://o.example.com' })).toEqual({ openid: 'http://o.example.com' });
  });
});

describe('personFromAgents', () => {
  it('combines names and identifiers without duplicates', () => {
    const person = personFromAgents([
      { name: 'Ann', mbox: 'mailto:ann@example.com' },
      { name: 'Ann', account: { homePage: 'http://example.com', name: 'ann' } },
      { name: 'Annie', mbox: 'mailto:ann@EXAMPLE.com' },
    ]);
    expect(person).toEqual({ objectType: 'Person', name: ['Ann', 'Annie'], mbox: ['mailto:ann@example.com'], mbox_sha1sum: [], openid: [], account: [{ homePage: 'http://example.com', name: 'ann' }] });
    expect(serializePerson(person)).toEqual({ objectType: 'Person', name: ['Ann', 'Annie'], mbox: ['mailto:ann@example.com'], account: [{ homePage: 'http://example.com', name: 'ann' }] });
  });
});

describe('parseAgentParameter', () => {
  it('accepts an Agent and rejects a Group or malformed JSON', () => {
    expect(parseAgentParameter('{"mbox":"mailto:a@example.com"}', '2.0')).toEqual({ ok: true, value: { mbox: 'mailto:a@example.com' } });
    expect(parseAgentParameter('{"objectType":"Group","mbox":"mailto:g@example.com"}', '2.0')).toMatchObject({ ok: false, message: 'agent.objectType: must be "Agent"' });
    expect(parseAgentParameter('{mbox:', '2.0')).toMatchObject({ ok: false });
    expect(parseAgentParameter('{"mbox":"mailto:a@example.com","extra":1}', '2.0')).toMatchObject({ ok: false, message: 'agent.extra: is not a property allowed here' });
  });
});
