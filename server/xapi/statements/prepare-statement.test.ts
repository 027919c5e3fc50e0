import { describe, expect, it } from 'vitest';
import type { Statement } from '../types.ts';
import { isUuid } from '../validation/formats.ts';
import { prepareStatement } from './prepare-statement.ts';

const authority = { objectType: 'Agent' as const, mbox: 'mailto:lrs@example.com' };
const stored = new Date('2024-03-01T10:00:00.123Z');
const statement: Statement = {
  actor: { mbox: 'mailto:a@example.com' },
  verb: { id: 'http://example.com/v' },
  object: { id: 'http://example.com/a' },
  result: { duration: 'PT1.23456S' },
  context: { contextActivities: { parent: { id: 'http://example.com/p' } } as never },
};

describe('prepareStatement', () => {
  it('sets id, stored, timestamp, authority and the 2.0 version', () => {
    const result = prepareStatement(statement, { stored, authority, requestVersion: '2.0' });
    expect(isUuid(result.id)).toBe(true);
    expect(result.stored).toBe('2024-03-01T10:00:00.123Z');
    expect(result.timestamp).toBe(result.stored);
    expect(result.authority).toEqual(authority);
    expect(result.version).toBe('2.0.0');
    expect(result.result?.duration).toBe('PT1.23S');
    expect(result.context?.contextActivities?.parent).toEqual([{ id: 'http://example.com/p' }]);
    expect(result.object).toEqual({ id: 'http://example.com/a' });
  });

  it('keeps what the client set, overwrites stored and authority', () => {
    const given = { ...statement, id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb', timestamp: '2020-01-01T00:00:00Z', version: '1.0.3', stored: '2000-01-01T00:00:00Z', authority: { mbox: 'mailto:x@example.com' } };
    const result = prepareStatement(given, { stored, authority, requestVersion: '1.0' });
    expect(result.id).toBe(given.id);
    expect(result.timestamp).toBe('2020-01-01T00:00:00Z');
    expect(result.version).toBe('1.0.3');
    expect(result.stored).toBe('2024-03-01T10:00:00.123Z');
    expect(result.authority).toEqual(authority);
    expect(result.result?.duration).toBe('PT1.23456S');
  });

  it('gives 1.0.x statements without a version 1.0.0', () => {
    expect(prepareStatement(statement, { stored, authority, requestVersion: '1.0', generateId: () => 'fixed' })).toMatchObject({ version: '1.0.0', id: 'fixed' });
  });
});
