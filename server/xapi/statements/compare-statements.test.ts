import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStatement } from '../validation/fixtures.ts';
import { isSameStatement } from './compare-statements.ts';

const ID = '9e13cefd-53d3-4eac-b5ed-2cf6693903bb';
const base = buildStatement({ id: ID, timestamp: '2013-05-18T05:32:34.804Z', result: { duration: 'PT1.23S' } });

describe('isSameStatement ignores the exceptions of Data 2.3.1', () => {
  it.each<[string, Record<string, unknown>]>([
    ['LRS-set properties', { stored: '2020-01-01T00:00:00Z', authority: { mbox: 'mailto:lrs@example.com' }, version: '2.0.0' }],
    ['timestamp serialisation', { timestamp: '2013-05-18T07:32:34.804+02:00' }],
    ['verb display', { verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { fr: 'a assisté' } } }],
    ['activity definition', { object: { id: 'http://www.example.com/meetings/occurances/34534', definition: { name: { 'en-US': 'x' } } } }],
    ['attachments', { attachments: [] }],
    ['duration beyond 0.01 s', { result: { duration: 'PT1.2345S' } }],
    ['email domain case', { actor: { objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@ADLNET.gov' } }],
    ['a default objectType', { actor: { name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' } }],
  ])('%s', (_name, change) => {
    expect(isSameStatement(base, { ...base, ...change })).toBe(true);
  });

  it('ignores group member order and a single context activity versus a list', () => {
    const members = [{ mbox: 'mailto:a@example.com' }, { mbox: 'mailto:b@example.com' }];
    const a = { ...base, actor: { objectType: 'Group', member: members }, context: { contextActivities: { parent: { id: 'http://example.com/p' } } } };
    const b = { ...base, actor: { objectType: 'Group', member: [...members].reverse() }, context: { contextActivities: { parent: [{ id: 'http://example.com/p' }] } } };
    expect(isSameStatement(a, b)).toBe(true);
  });
});

describe('isSameStatement sees real differences', () => {
  it.each<[string, Record<string, unknown>]>([
    ['verb id', { verb: { id: 'http://example.com/other' } }],
    ['object id', { object: { id: 'http://example.com/other' } }],
    ['actor', { actor: { mbox: 'mailto:other@example.com' } }],
    ['actor name', { actor: { objectType: 'Agent', name: 'Other', mbox: 'mailto:xapi@adlnet.gov' } }],
    ['timestamp instant', { timestamp: '2013-05-18T05:32:35.804Z' }],
    ['duration at 0.01 s', { result: { duration: 'PT1.24S' } }],
    ['duration unit', { result: { duration: 'PT0M1.23S' } }],
    ['result success', { result: { duration: 'PT1.23S', success: true } }],
    ['context registration', { context: { registration: ID } }],
  ])('%s', (_name, change) => {
    expect(isSameStatement(base, { ...base, ...change })).toBe(false);
  });

  it('keeps the order of context activities', () => {
    const parents = [{ id: 'http://example.com/1' }, { id: 'http://example.com/2' }];
    const a = { ...base, context: { contextActivities: { parent: parents } } };
    const b = { ...base, context: { contextActivities: { parent: [...parents].reverse() } } };
    expect(isSameStatement(a, b)).toBe(false);
  });
});

const statementArbitrary = fc.record({
  actor: fc.record({ mbox: fc.emailAddress().map((email) => `mailto:${email}`), name: fc.string() }),
  verb: fc.record({ id: fc.webUrl() }),
  object: fc.record({ id: fc.webUrl() }),
  result: fc.record({ success: fc.boolean(), response: fc.string() }, { requiredKeys: [] }),
});

describe('isSameStatement properties', () => {
  it('is reflexive', () => {
    fc.assert(fc.property(statementArbitrary, (statement) => isSameStatement(statement, structuredClone(statement))));
  });

  it('is symmetric', () => {
    fc.assert(fc.property(statementArbitrary, statementArbitrary, (a, b) => isSameStatement(a, b) === isSameStatement(b, a)));
  });
});
