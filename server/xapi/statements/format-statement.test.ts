import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../types.ts';
import { formatStatement } from './format-statement.ts';
import { pickLanguage, reduceLanguageMap } from './pick-language.ts';

const statement: Statement = {
  id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb',
  actor: { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' },
  verb: { id: 'http://example.com/verbs/did', display: { 'en-US': 'did', fr: 'a fait' } },
  object: {
    objectType: 'Activity',
    id: 'http://example.com/a',
    definition: { name: { 'en-US': 'A', fr: 'Un' }, interactionType: 'choice', choices: [{ id: 'x', description: { 'en-US': 'X', fr: 'Ix' } }] },
  },
  context: {
    team: { objectType: 'Group', name: 'Team', member: [{ name: 'Bob', account: { homePage: 'http://example.com', name: 'bob' } }] },
    contextActivities: { parent: [{ id: 'http://example.com/p', definition: { name: { 'en-US': 'P' } } }] },
  },
  authority: { objectType: 'Agent', name: 'LRS', mbox: 'mailto:lrs@example.com' },
};

describe('formatStatement', () => {
  it('exact returns the statement unchanged', () => {
    expect(formatStatement(statement, 'exact')).toEqual(statement);
  });

  it('ids keeps only identifiers', () => {
    const result = formatStatement(statement, 'ids');
    expect(result.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ann@example.com' });
    expect(result.verb).toEqual({ id: 'http://example.com/verbs/did' });
    expect(result.object).toEqual({ id: 'http://example.com/a' });
    expect(result.context?.team).toEqual({ objectType: 'Group', member: [{ objectType: 'Agent', account: { homePage: 'http://example.com', name: 'bob' } }] });
    expect(result.context?.contextActivities?.parent).toEqual([{ id: 'http://example.com/p' }]);
    expect(result.authority).toEqual({ objectType: 'Agent', mbox: 'mailto:lrs@example.com' });
    expect(statement.actor.name).toBe('Ann');
  });

  it('canonical reduces every language map to the accepted language', () => {
    const result = formatStatement(statement, 'canonical', { acceptLanguage: 'fr-CA, en;q=0.5' });
    expect(result.verb.display).toEqual({ fr: 'a fait' });
    const definition = (result.object as { definition: { name: unknown; choices: { description: unknown }[] } }).definition;
    expect(definition.name).toEqual({ fr: 'Un' });
    expect(definition.choices[0]?.description).toEqual({ fr: 'Ix' });
    expect(result.actor).toEqual(statement.actor);
  });

  it('canonical uses the LRS definition when it has one', () => {
    const result = formatStatement(statement, 'canonical', { canonicalDefinition: () => ({ name: { de: 'Eins' } }) });
    expect((result.object as { definition: unknown }).definition).toEqual({ name: { de: 'Eins' } });
  });

  it('ids is idempotent', () => {
    const agent = fc.record({ objectType: fc.constant('Agent' as const), name: fc.string(), mbox: fc.emailAddress().map((email) => `mailto:${email}`) });
    const arbitrary = fc.record({
      actor: agent,
      verb: fc.record({ id: fc.webUrl(), display: fc.dictionary(fc.constantFrom('en', 'fr', 'de'), fc.string()) }),
      object: fc.oneof(fc.record({ objectType: fc.constant('Activity' as const), id: fc.webUrl() }), agent),
    });
    fc.assert(fc.property(arbitrary, (input) => {
      const once = formatStatement(input as Statement, 'ids');
      expect(formatStatement(once, 'ids')).toEqual(once);
    }));
  });
});

describe('pickLanguage', () => {
  const map = { 'en-US': 'color', 'en-GB': 'colour', fr: 'couleur' };
  it.each([
    ['en-GB', 'en-GB'], ['fr-CA', 'fr'], ['en', 'en-US'], ['de, fr;q=0.1', 'fr'], ['fr;q=0.2, en-GB;q=0.9', 'en-GB'],
    [undefined, 'en-US'], ['de', 'en-US'], ['*', 'en-US'],
  ])('%s → %s', (header, expected) => {
    expect(pickLanguage(map, header)).toBe(expected);
  });

  it('prefers und when nothing matches', () => {
    expect(pickLanguage({ fr: 'a', und: 'b' }, 'de')).toBe('und');
  });

  it('reduces to one entry, or none for an empty map', () => {
    expect(reduceLanguageMap(map, 'fr')).toEqual({ fr: 'couleur' });
    expect(reduceLanguageMap({}, 'fr')).toEqual({});
  });
});
