import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDocumentParams } from './document-params.ts';
import { mergeJsonDocuments } from './merge-document.ts';
import { computeEtag, evaluatePreconditions, isConflictWithoutHeaders } from './preconditions.ts';

const AGENT = JSON.stringify({ mbox: 'mailto:a@example.com' });

describe('mergeJsonDocuments', () => {
  it('merges top-level properties, new over old', () => {
    expect(mergeJsonDocuments({ text: '{"a":1,"b":{"c":1}}', isJson: true }, { text: '{"b":{"d":2},"e":3}', isJson: true }))
      .toEqual({ ok: true, merged: { a: 1, b: { d: 2 }, e: 3 } });
    expect(mergeJsonDocuments(undefined, { text: '{"a":1}', isJson: true })).toEqual({ ok: true, merged: { a: 1 } });
  });

  it.each([
    [{ text: 'plain', isJson: false }, { text: '{"a":1}', isJson: true }],
    [{ text: '[1]', isJson: true }, { text: '{"a":1}', isJson: true }],
    [{ text: '{"a":1}', isJson: true }, { text: '"x"', isJson: true }],
    [{ text: '{"a":1}', isJson: true }, { text: '{"a":1}', isJson: false }],
  ])('rejects %j + %j', (existing, posted) => {
    expect(mergeJsonDocuments(existing, posted).ok).toBe(false);
  });
});

describe('preconditions', () => {
  const etag = computeEtag('{"a":1}');
  it('computes a quoted SHA-1', () => {
    expect(etag).toBe(`"${createHash('sha1').update('{"a":1}').digest('hex')}"`);
  });

  it.each<[Parameters<typeof evaluatePreconditions>[0], number | undefined]>([
    [{ method: 'PUT', ifMatch: etag, currentEtag: etag, isConflictWithoutHeaders: true }, undefined],
    [{ method: 'PUT', ifMatch: '"wrong"', currentEtag: etag, isConflictWithoutHeaders: true }, 412],
    [{ method: 'POST', ifMatch: etag, currentEtag: undefined, isConflictWithoutHeaders: true }, 412],
    [{ method: 'DELETE', ifMatch: '*', currentEtag: etag, isConflictWithoutHeaders: true }, undefined],
    [{ method: 'PUT', ifNoneMatch: '*', currentEtag: etag, isConflictWithoutHeaders: true }, 412],
    [{ method: 'PUT', ifNoneMatch: '*', currentEtag: undefined, isConflictWithoutHeaders: true }, undefined],
    [{ method: 'PUT', currentEtag: etag, isConflictWithoutHeaders: true }, 409],
    [{ method: 'PUT', currentEtag: etag, isConflictWithoutHeaders: false }, undefined],
    [{ method: 'PUT', currentEtag: undefined, isConflictWithoutHeaders: true }, undefined],
    [{ method: 'POST', currentEtag: etag, isConflictWithoutHeaders: true }, undefined],
  ])('%j → %s', (input, status) => {
    const outcome = evaluatePreconditions(input);
    expect(outcome.ok ? undefined : outcome.status).toBe(status);
  });

  it('applies the overwrite rule to State only in 2.0', () => {
    expect(isConflictWithoutHeaders('state', '1.0')).toBe(false);
    expect(isConflictWithoutHeaders('state', '2.0')).toBe(true);
    expect(isConflictWithoutHeaders('agentProfile', '1.0')).toBe(true);
  });
});

describe('parseDocumentParams', () => {
  it('parses State parameters', () => {
    expect(parseDocumentParams('state', 'PUT', { activityId: 'http://example.com/a', agent: AGENT, stateId: 's', registration: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' }, '2.0'))
      .toEqual({ ok: true, params: { activityId: 'http://example.com/a', agent: { mbox: 'mailto:a@example.com' }, documentId: 's', registration: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' } });
    expect(parseDocumentParams('state', 'DELETE', { activityId: 'http://example.com/a', agent: AGENT }, '2.0').ok).toBe(true);
    expect(parseDocumentParams('agentProfile', 'GET', { agent: AGENT, since: '2020-01-01T00:00:00Z' }, '2.0').ok).toBe(true);
  });

  it.each<[Parameters<typeof parseDocumentParams>[0], Parameters<typeof parseDocumentParams>[1], Record<string, string>, string]>([
    ['state', 'PUT', { agent: AGENT, stateId: 's' }, 'activityId: is required'],
    ['state', 'GET', { activityId: 'http://example.com/a' }, 'agent: is required'],
    ['state', 'PUT', { activityId: 'http://example.com/a', agent: AGENT }, 'stateId: is required'],
    ['state', 'GET', { activityId: 'http://example.com/a', agent: 'nope' }, 'agent: must be a JSON-encoded Agent'],
    ['state', 'GET', { activityId: 'http://example.com/a', agent: AGENT, registration: 'x' }, 'registration: must be a UUID'],
    ['activityProfile', 'GET', { activityId: 'http://example.com/a', since: 'soon' }, 'since: must be an ISO 8601 timestamp'],
    ['activityProfile', 'DELETE', { activityId: 'http://example.com/a' }, 'profileId: is required'],
    ['activityProfile', 'GET', { activityId: 'http://example.com/a', profileId: 'p', since: '2020-01-01T00:00:00Z' }, 'since: must not be combined with profileId'],
    ['agentProfile', 'GET', { agent: AGENT, activityId: 'http://example.com/a' }, 'activityId: is not a parameter of this resource'],
    ['activities', 'GET', {}, 'activityId: is required'],
    ['agents', 'GET', { agent: JSON.stringify({ mbox: 'a@example.com' }) }, 'agent.mbox: must be a mailto IRI'],
  ])('%s %s %j → %s', (resource, method, params, message) => {
    expect(parseDocumentParams(resource, method, params, '2.0')).toEqual({ ok: false, message: expect.stringContaining(message) as string });
  });
});
