import { describe, expect, it } from 'vitest';
import { ACTIVITY, AGENT, buildStatement } from './fixtures.ts';
import { describeFirstProblem, validateStatement, validateStatements } from './validate-statement.ts';

const v2 = { version: '2.0' } as const;
const v1 = { version: '1.0' } as const;

function firstProblem(statement: unknown, options: { version: '1.0' | '2.0' } = v2): string | undefined {
  return describeFirstProblem(validateStatement(statement, options));
}

const GROUP = { objectType: 'Group', member: [AGENT] };
const SHA2 = 'a'.repeat(64);
const ATTACHMENT = { usageType: 'http://example.com/usage', display: { 'en-US': 'A' }, contentType: 'text/plain', length: 1, sha2: SHA2 };
const STATEMENT_REF = { objectType: 'StatementRef', id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' };
const SUB_STATEMENT = { objectType: 'SubStatement', actor: AGENT, verb: { id: 'http://example.com/v' }, object: ACTIVITY };

describe('validateStatement accepts', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the minimal statement', {}],
    ['an Agent actor without objectType', { actor: { mbox: 'mailto:a@example.com' } }],
    ['an account actor', { actor: { account: { homePage: 'http://example.com', name: 'x' } } }],
    ['an mbox_sha1sum actor', { actor: { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' } }],
    ['an anonymous Group actor', { actor: GROUP }],
    ['an identified Group without members', { actor: { objectType: 'Group', openid: 'http://openid.example.org/1' } }],
    ['an object without objectType', { object: { id: 'http://example.com/a' } }],
    ['an Agent object', { object: { objectType: 'Agent', mbox: 'mailto:b@example.com' } }],
    ['a StatementRef object', { object: STATEMENT_REF }],
    ['a SubStatement object', { object: SUB_STATEMENT }],
    ['a voiding statement', { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: STATEMENT_REF }],
    ['a full result', { result: { score: { scaled: -1, raw: 5, min: 0, max: 10 }, success: true, completion: false, response: 'x', duration: 'PT4H35M59.14S', extensions: { 'http://example.com/e': null } } }],
    ['the 0.01 s rule is not a rejection', { result: { duration: 'PT1.23456S' } }],
    ['a P4W duration', { result: { duration: 'P4W' } }],
    ['a timestamp without time zone', { timestamp: '2013-05-18T05:32:34.804' }],
    ['an RFC 3339 timestamp', { timestamp: '2008-09-15T15:53:00.601+00:00' }],
    ['versions 1.0, 1.0.9 and 2.0.0', { version: '1.0' }],
    ['a contextActivities single Activity and list', { context: { contextActivities: { parent: ACTIVITY, other: [ACTIVITY] } } }],
    ['revision and platform with an Activity object', { context: { revision: 'r', platform: 'p', language: 'en-US' } }],
    ['2.0 contextAgents and contextGroups', { context: { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: ['http://example.com/t'] }], contextGroups: [{ objectType: 'contextGroup', group: GROUP }] } }],
    ['an attachment', { attachments: [ATTACHMENT] }],
    ['an authority Agent', { authority: AGENT }],
    ['an OAuth authority of two Agents', { authority: { objectType: 'Group', member: [AGENT, { account: { homePage: 'http://example.com', name: 'app' } }] } }],
    ['a choice interaction', { object: { id: 'http://example.com/q', definition: { interactionType: 'choice', correctResponsesPattern: ['a'], choices: [{ id: 'a', description: { 'en-US': 'A' } }, { id: 'b' }] } } }],
  ])('%s', (_name, overrides) => {
    expect(validateStatement(buildStatement(overrides), v2)).toEqual([]);
  });
});

describe('validateStatement rejects, naming the field', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ actor: { mbox: 'xapi@adlnet.gov' } }, 'statement.actor.mbox: must be a mailto IRI'],
    [{ actor: { mbox: 'mailto:a@example.com', openid: 'http://example.com/o' } }, 'statement.actor: must have exactly one of'],
    [{ actor: { name: 'nobody' } }, 'statement.actor: must have exactly one of'],
    [{ actor: { objectType: 'agent', mbox: 'mailto:a@example.com' } }, 'statement.actor.objectType: must be "Agent"'],
    [{ actor: { objectType: 'Group' } }, 'statement.actor.member: is required for an anonymous Group'],
    [{ actor: { objectType: 'Group', member: [GROUP] } }, 'statement.actor.member[0].member: is not a property allowed here'],
    [{ actor: { account: { homePage: 'example.com', name: 'x' } } }, 'statement.actor.account.homePage: must be an IRL'],
    [{ actor: { account: { homePage: 'http://example.com' } } }, 'statement.actor.account.name: is required'],
    [{ actor: { mbox_sha1sum: 'xyz' } }, 'statement.actor.mbox_sha1sum: must be a hex-encoded SHA-1'],
    [{ verb: { display: { 'en-US': 'x' } } }, 'statement.verb.id: is required'],
    [{ verb: { id: 'not an iri' } }, 'statement.verb.id: must be an IRI'],
    [{ verb: { id: 'http://example.com/v', display: { 'a-b-c-d-e': 'x' } } }, 'statement.verb.display.a-b-c-d-e: key must be an RFC 5646 language tag'],
    [{ verb: { id: 'http://example.com/v', display: { 'en-US': 5 } } }, 'statement.verb.display.en-US: must be a string'],
    [{ object: { objectType: 'activity', id: 'http://example.com/a' } }, 'statement.object.objectType: must be one of'],
    [{ object: { objectType: 'StatementRef', id: 'not-a-uuid' } }, 'statement.object.id: must be a UUID'],
    [{ id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bbb' }, 'statement.id: must be a UUID'],
    [{ id: '9e13cefd-53d3-4eac-g5ed-2cf6693903bb' }, 'statement.id: must be a UUID'],
    [{ Actor: AGENT }, 'statement.Actor: is not a property allowed here'],
    [{ result: { success: 'true' } }, 'statement.result.success: must be a boolean'],
    [{ result: { response: null } }, 'statement.result.response: must not be null'],
    [{ result: { duration: 'P4W1D' } }, 'statement.result.duration: must be an ISO 8601 duration'],
    [{ result: { score: { scaled: 1.01 } } }, 'statement.result.score.scaled: must be between -1 and 1'],
    [{ result: { score: { min: 5, max: 5 } } }, 'statement.result.score.min: must be less than max'],
    [{ result: { score: { raw: 11, min: 0, max: 10 } } }, 'statement.result.score.raw: must not be greater than max'],
    [{ result: { score: { raw: -1, min: 0 } } }, 'statement.result.score.raw: must not be less than min'],
    [{ result: { score: { raw: '5' } } }, 'statement.result.score.raw: must be a number'],
    [{ result: { extensions: { 'not an iri': 1 } } }, 'statement.result.extensions.not an iri: key must be an IRI'],
    [{ timestamp: '2008-09-15T15:53:00.601-00:00' }, 'statement.timestamp: must be an ISO 8601 timestamp'],
    [{ timestamp: '2008-09-15T15:53:00.601-0000' }, 'statement.timestamp: must be an ISO 8601 timestamp'],
    [{ timestamp: '01/011/2015' }, 'statement.timestamp: must be an ISO 8601 timestamp'],
    [{ version: '1.1.0' }, 'statement.version: must be a version'],
    [{ version: '0.9.9' }, 'statement.version: must be a version'],
    [{ context: { revision: 'r' }, object: STATEMENT_REF }, 'statement.context.revision: is only allowed when the object is an Activity'],
    [{ context: { platform: 'p' }, object: { objectType: 'Agent', mbox: 'mailto:b@example.com' } }, 'statement.context.platform: is only allowed'],
    [{ context: { team: AGENT } }, 'statement.context.team.objectType: must be "Group"'],
    [{ context: { registration: 'abc' } }, 'statement.context.registration: must be a UUID'],
    [{ context: { language: 'not a tag' } }, 'statement.context.language: must be an RFC 5646 language tag'],
    [{ context: { contextActivities: { Parent: ACTIVITY } } }, 'statement.context.contextActivities.Parent: is not a property allowed here'],
    [{ context: { contextActivities: { parent: [{ id: 'bad' }] } } }, 'statement.context.contextActivities.parent[0].id: must be an IRI'],
    [{ context: { statement: { objectType: 'StatementRef' } } }, 'statement.context.statement.id: is required'],
    [{ context: { contextAgents: [{ objectType: 'contextagent', agent: AGENT }] } }, 'statement.context.contextAgents[0].objectType: must be "contextAgent"'],
    [{ context: { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: [] }] } }, 'statement.context.contextAgents[0].relevantTypes: must not be empty'],
    [{ context: { contextGroups: [{ objectType: 'contextGroup', group: AGENT }] } }, 'statement.context.contextGroups[0].group.objectType: must be "Group"'],
    [{ object: { ...SUB_STATEMENT, id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' } }, 'statement.object.id: is not a property allowed here'],
    [{ object: { ...SUB_STATEMENT, stored: '2013-05-18T05:32:34.804Z' } }, 'statement.object.stored: is not a property allowed here'],
    [{ object: { ...SUB_STATEMENT, version: '1.0.0' } }, 'statement.object.version: is not a property allowed here'],
    [{ object: { ...SUB_STATEMENT, authority: AGENT } }, 'statement.object.authority: is not a property allowed here'],
    [{ object: { ...SUB_STATEMENT, object: SUB_STATEMENT } }, 'statement.object.object.objectType: a SubStatement must not contain a SubStatement'],
    [{ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }, 'statement.object.objectType: must be "StatementRef" in a voiding Statement'],
    [{ attachments: [{ ...ATTACHMENT, usageType: 'usage' }] }, 'statement.attachments[0].usageType: must be an IRI'],
    [{ attachments: [{ ...ATTACHMENT, contentType: 'text' }] }, 'statement.attachments[0].contentType: must be an Internet Media Type'],
    [{ attachments: [{ ...ATTACHMENT, length: 1.5 }] }, 'statement.attachments[0].length: must be a non-negative integer'],
    [{ attachments: [{ ...ATTACHMENT, sha2: 'zz' }] }, 'statement.attachments[0].sha2: must be a hex-encoded SHA-2'],
    [{ attachments: [{ ...ATTACHMENT, fileUrl: 'nope' }] }, 'statement.attachments[0].fileUrl: must be an IRL'],
    [{ attachments: [{ ...ATTACHMENT, display: undefined }] }, 'statement.attachments[0].display: is required'],
    [{ authority: { objectType: 'Group', member: [AGENT] } }, 'statement.authority.member: must list exactly 2 Agents'],
    [{ authority: { objectType: 'Group', mbox: 'mailto:g@example.com', member: [AGENT, AGENT] } }, 'statement.authority: must be an anonymous Group'],
    [{ object: { id: 'http://example.com/q', definition: { interactionType: 'Choice' } } }, 'statement.object.definition.interactionType: must be one of'],
    [{ object: { id: 'http://example.com/q', definition: { interactionType: 'likert', choices: [{ id: 'a' }] } } }, 'statement.object.definition.choices: is not supported for interactionType "likert"'],
    [{ object: { id: 'http://example.com/q', definition: { choices: [{ id: 'a' }] } } }, 'statement.object.definition.choices: is only allowed with an interactionType'],
    [{ object: { id: 'http://example.com/q', definition: { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] } } }, 'statement.object.definition.choices[1].id: must be distinct'],
    [{ object: { id: 'http://example.com/q', definition: { moreInfo: 'x' } } }, 'statement.object.definition.moreInfo: must be an IRL'],
    [{ object: { id: 'http://example.com/q', definition: { name: 'a name' } } }, 'statement.object.definition.name: must be a language map'],
  ])('%j', (overrides, expected) => {
    const statement = buildStatement(overrides);
    for (const [key, value] of Object.entries(statement)) if (value === undefined) delete statement[key];
    if (Array.isArray(statement.attachments)) {
      statement.attachments = statement.attachments.map((item) => JSON.parse(JSON.stringify(item)) as unknown);
    }
    expect(firstProblem(statement)).toContain(expected);
  });

  it('rejects a missing actor, verb or object', () => {
    expect(firstProblem({ verb: { id: 'http://example.com/v' }, object: ACTIVITY })).toBe('statement.actor: is required');
    expect(firstProblem({ actor: AGENT, object: ACTIVITY })).toBe('statement.verb: is required');
    expect(firstProblem({ actor: AGENT, verb: { id: 'http://example.com/v' } })).toBe('statement.object: is required');
  });

  it('rejects a non-object statement', () => {
    expect(firstProblem([])).toBe('statement: must be an object, got array');
  });

  it('rejects contextAgents from a 1.0.x client as an unknown property', () => {
    const statement = buildStatement({ context: { contextAgents: [{ objectType: 'contextAgent', agent: AGENT }] } });
    expect(firstProblem(statement, v1)).toBe('statement.context.contextAgents: is not a property allowed here');
    expect(firstProblem(statement, v2)).toBeUndefined();
  });
});

describe('validateStatements', () => {
  it('reports problems with the index of the statement in the batch', () => {
    const problems = validateStatements([buildStatement(), buildStatement({ verb: { id: 'x y' } })], v2);
    expect(problems.map((problem) => problem.path)).toEqual(['statements[1].verb.id']);
  });

  it('accepts a valid batch', () => {
    expect(validateStatements([buildStatement(), buildStatement()], v2)).toEqual([]);
  });
});
