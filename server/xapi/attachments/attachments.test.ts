import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { CompactSign, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Attachment, Statement } from '../types.ts';
import { buildMultipart, parseMultipart, parseMultipartBoundary } from './multipart.ts';
import { matchAttachmentParts, readStatementsPart } from './verify-attachments.ts';
import { SIGNATURE_USAGE_TYPE, verifyStatementSignature } from './verify-signature.ts';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const BOUNDARY = '-------314159265358979323846';

describe('multipart', () => {
  it('reads the boundary of multipart/mixed only', () => {
    expect(parseMultipartBoundary(`multipart/mixed; boundary="${BOUNDARY}"`)).toBe(BOUNDARY);
    expect(parseMultipartBoundary('multipart/form-data; boundary=x')).toBeUndefined();
    expect(parseMultipartBoundary('multipart/mixed')).toBeUndefined();
  });

  it('parses a body with a CRLF preamble and headers without spaces, as the conformance suite sends', () => {
    const body = Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Type:application/json\r\n\r\n{"a":1}\r\n--${BOUNDARY}\r\nContent-Type:text/plain\r\nContent-Transfer-Encoding:binary\r\nX-Experience-API-Hash:abc\r\n\r\nhello\r\n--${BOUNDARY}--`);
    const result = parseMultipart(body, BOUNDARY);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parts.map((part) => part.body.toString())).toEqual(['{"a":1}', 'hello']);
    expect(result.parts[1]?.headers).toEqual({ 'content-type': 'text/plain', 'content-transfer-encoding': 'binary', 'x-experience-api-hash': 'abc' });
  });

  it('rejects a body without its closing delimiter', () => {
    expect(parseMultipart(Buffer.from(`--${BOUNDARY}\r\nContent-Type: a/b\r\n\r\nx`), BOUNDARY)).toMatchObject({ ok: false });
  });

  it('round-trips build → parse', () => {
    const part = fc.record({ contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'), body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) });
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const result = parseMultipart(buildMultipart(parts, BOUNDARY), BOUNDARY);
      expect(result.ok && result.parts.map((item) => [item.headers['content-type'], item.body.toString('hex')]))
        .toEqual(parts.map((item) => [item.contentType, item.body.toString('hex')]));
    }));
  });
});

function attachment(data: string, extra: Partial<Attachment> = {}): Attachment {
  return { usageType: 'http://example.com/u', display: { 'en-US': 'a' }, contentType: 'text/plain', length: data.length, sha2: sha256(data), ...extra };
}

function partsFor(data: string, headers: Record<string, string>) {
  const body = buildMultipart([{ contentType: 'application/json', body: '[]' }, { contentType: 'text/plain', body: data, headers }], BOUNDARY);
  const parsed = parseMultipart(body, BOUNDARY);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.parts;
}

describe('matchAttachmentParts', () => {
  it('matches parts by their SHA-2', () => {
    const parts = partsFor('hello', { 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha256('hello') });
    expect(readStatementsPart(parts)).toEqual({ ok: true, value: '[]' });
    const result = matchAttachmentParts([attachment('hello')], parts);
    expect(result.ok && [...result.value.keys()]).toEqual([sha256('hello')]);
  });

  it.each<[string, Record<string, string>, Attachment[], string]>([
    ['a missing hash header', { 'Content-Transfer-Encoding': 'binary' }, [attachment('hello')], 'X-Experience-API-Hash header is required'],
    ['base64 encoding', { 'Content-Transfer-Encoding': 'base64', 'X-Experience-API-Hash': sha256('hello') }, [attachment('hello')], 'Content-Transfer-Encoding must be binary'],
    ['a hash that does not match', { 'X-Experience-API-Hash': sha256('other') }, [attachment('other')], 'does not match'],
    ['an undeclared part', { 'X-Experience-API-Hash': sha256('hello') }, [], 'no Attachment declares it'],
    ['a declared attachment with no part', { 'X-Experience-API-Hash': sha256('hello') }, [attachment('hello'), attachment('x')], 'no part with this sha2 and no fileUrl'],
  ])('rejects %s', (_name, headers, attachments, message) => {
    expect(matchAttachmentParts(attachments, partsFor('hello', headers))).toEqual({ ok: false, message: expect.stringContaining(message) as string });
  });

  it('accepts an attachment with a fileUrl and no part', () => {
    expect(matchAttachmentParts([attachment('x', { fileUrl: 'http://example.com/x' })], partsFor('x', { 'X-Experience-API-Hash': sha256('x') })).ok).toBe(true);
  });

  it('rejects a first part that is not JSON', () => {
    const parsed = parseMultipart(buildMultipart([{ contentType: 'text/plain', body: '[]' }], BOUNDARY), BOUNDARY);
    expect(parsed.ok && readStatementsPart(parsed.parts).ok).toBe(false);
  });
});

describe('verifyStatementSignature', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const statement: Statement = { id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb', actor: { mbox: 'mailto:a@example.com' }, verb: { id: 'http://example.com/v' }, object: { id: 'http://example.com/a' } };

  async function sign(payload: unknown, alg = 'RS256'): Promise<Buffer> {
    const key = await importPKCS8(pem, alg);
    return Buffer.from(await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(key));
  }

  function signed(jws: Buffer, contentType = 'application/octet-stream'): [Statement, { contentType: string }] {
    const meta = { ...attachment(''), usageType: SIGNATURE_USAGE_TYPE, contentType, sha2: sha256(jws), length: jws.length };
    return [{ ...statement, attachments: [meta] }, meta];
  }

  it.each(['RS256', 'RS384', 'RS512'])('accepts %s over the statement', async (alg) => {
    const jws = await sign(statement, alg);
    expect(await verifyStatementSignature(...signed(jws), jws)).toEqual({ ok: true, value: true });
  });

  it('rejects a payload that differs from the statement', async () => {
    const jws = await sign({ ...statement, verb: { id: 'http://example.com/other' } });
    expect(await verifyStatementSignature(...signed(jws), jws)).toMatchObject({ ok: false, message: expect.stringContaining('does not match') as string });
  });

  it('rejects another content type, another algorithm and a broken JWS', async () => {
    const jws = await sign(statement);
    expect(await verifyStatementSignature(...signed(jws, 'text/plain; charset=ascii'), jws)).toMatchObject({ ok: false });
    const hmac = Buffer.from(`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(statement)).toString('base64url')}.c2ln`);
    expect(await verifyStatementSignature(...signed(hmac), hmac)).toMatchObject({ ok: false, message: expect.stringContaining('alg') as string });
    const broken = Buffer.from(`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from("{'id':1}").toString('base64url')}.c2ln`);
    expect(await verifyStatementSignature(...signed(broken), broken)).toMatchObject({ ok: false, message: expect.stringContaining('payload') as string });
    expect(await verifyStatementSignature(...signed(Buffer.from('not a jws')), Buffer.from('not a jws'))).toMatchObject({ ok: false });
  });

  it('rejects an x5c header that is not a certificate', async () => {
    const key = await importPKCS8(pem, 'RS256');
    const jws = Buffer.from(await new CompactSign(Buffer.from(JSON.stringify(statement))).setProtectedHeader({ alg: 'RS256', x5c: ['bm90IGEgY2VydA=='] }).sign(key));
    expect(await verifyStatementSignature(...signed(jws), jws)).toMatchObject({ ok: false, message: expect.stringContaining('x5c') as string });
  });
});
