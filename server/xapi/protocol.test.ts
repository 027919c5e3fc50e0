import { describe, expect, it } from 'vitest';
import { describeAbout } from './about.ts';
import { parseAlternateRequest } from './alternate-request.ts';
import { parseVersionHeader } from './version.ts';

describe('parseVersionHeader', () => {
  it.each([['1.0.0', '1.0'], ['1.0.3', '1.0'], ['2.0.0', '2.0']] as const)('accepts %s', (header, family) => {
    expect(parseVersionHeader(header)).toEqual({ ok: true, version: header, family });
  });

  it.each([undefined, '', '0.95', '1.0', '1.1.0', '2.0.1'])('rejects %s', (header) => {
    expect(parseVersionHeader(header).ok).toBe(false);
  });

  it('lets the About resource go without the header', () => {
    expect(parseVersionHeader(undefined, true).ok).toBe(true);
  });
});

describe('describeAbout', () => {
  it('lists the supported versions', () => {
    expect(describeAbout()).toEqual({ version: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'] });
  });
});

describe('parseAlternateRequest', () => {
  const form = 'application/x-www-form-urlencoded';
  const base = { httpMethod: 'POST', contentType: form, version: '1.0' as const };

  it('ignores ordinary requests', () => {
    expect(parseAlternateRequest({ ...base, query: {}, body: '' })).toEqual({ kind: 'none' });
  });

  it('unpacks method, headers, parameters and content (1.0.3)', () => {
    const body = new URLSearchParams({ statementId: 'abc', 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic x', 'Content-Type': 'application/json', content: '{"a":1}' }).toString();
    expect(parseAlternateRequest({ ...base, query: { method: 'PUT' }, body })).toEqual({
      kind: 'alternate',
      request: { method: 'PUT', headers: { 'x-experience-api-version': '1.0.3', authorization: 'Basic x', 'content-type': 'application/json' }, params: { statementId: 'abc' }, content: '{"a":1}' },
    });
  });

  it.each<[string, Partial<Parameters<typeof parseAlternateRequest>[0]>]>([
    ['2.0 requests', { version: '2.0', query: { method: 'GET' } }],
    ['a method other than POST', { httpMethod: 'PUT', query: { method: 'POST' } }],
    ['extra query parameters', { query: { method: 'PUT', statementId: 'abc' } }],
    ['a body that is not a form', { contentType: 'application/json', query: { method: 'PUT' } }],
    ['a PUT without content', { query: { method: 'PUT' }, body: 'statementId=abc' }],
    ['an unknown method', { query: { method: 'PATCH' } }],
  ])('rejects %s', (_name, change) => {
    expect(parseAlternateRequest({ ...base, query: {}, body: '', ...change }).kind).toBe('error');
  });
});
