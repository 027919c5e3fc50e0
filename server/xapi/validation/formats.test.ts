import { describe, expect, it } from 'vitest';
import { isDuration, isIri, isLanguageTag, isMailtoIri, isMediaType, isRfc3339Timestamp, isSha2Hex, isTimestamp, isUuid } from './formats.ts';

describe('formats', () => {
  it.each([
    [isIri, 'http://example.com/a?b=c#d', true], [isIri, 'urn:uuid:1', true], [isIri, 'http://例え.jp/ä', true],
    [isIri, 'example.com', false], [isIri, '', false], [isIri, 'http://exa mple.com', false], [isIri, '1http://x', false],
    [isMailtoIri, 'mailto:a@example.com', true], [isMailtoIri, 'a@example.com', false], [isMailtoIri, 'mailto:example.com', false],
    [isUuid, '9e13cefd-53d3-4eac-b5ed-2cf6693903bb', true], [isUuid, '9E13CEFD-53D3-4EAC-B5ED-2CF6693903BB', true],
    [isUuid, '9e13cefd53d34eacb5ed2cf6693903bb', false], [isUuid, '9e13cefd-53d3-4eac-c5ed-2cf6693903bb', false],
    [isTimestamp, '2013-05-18T05:32:34.804Z', true], [isTimestamp, '2013-05-18T05:32:34+05:30', true],
    [isTimestamp, '20130518T053234Z', true], [isTimestamp, '2013-05-18T05:32:34', true],
    [isTimestamp, '2013-02-30T05:32:34Z', false], [isTimestamp, '2013-05-18T25:32:34Z', false],
    [isTimestamp, '2013-05-18T05:32:34-00', false], [isTimestamp, '2013-05-18', false],
    [isRfc3339Timestamp, '2013-05-18T05:32:34.804Z', true], [isRfc3339Timestamp, '2013-05-18T05:32:34', false],
    [isDuration, 'PT16559.14S', true], [isDuration, 'P3Y1M29DT4H35M59.14S', true], [isDuration, 'P3Y', true],
    [isDuration, 'P', false], [isDuration, 'PT', false], [isDuration, 'P4W1D', false], [isDuration, 'P0001-02-03', false],
    [isLanguageTag, 'en-US', true], [isLanguageTag, 'zh-Hant-TW', true], [isLanguageTag, 'x-private', true],
    [isLanguageTag, 'i-klingon', true], [isLanguageTag, 'de-CH-1996', true],
    [isLanguageTag, 'en_US', false], [isLanguageTag, 'a', false], [isLanguageTag, 'en-US-', false],
    [isMediaType, 'text/plain; charset=ascii', true], [isMediaType, 'application/octet-stream', true], [isMediaType, 'text', false],
    [isSha2Hex, 'f'.repeat(64), true], [isSha2Hex, 'f'.repeat(40), false],
  ] as const)('%o(%s) is %s', (predicate, text, expected) => {
    expect(predicate(text)).toBe(expected);
  });
});
