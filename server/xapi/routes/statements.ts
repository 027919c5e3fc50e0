/** Communication §2.1 Statement Resource: PUT, POST, GET (and HEAD) on /xapi/statements. */
import { randomUUID } from 'node:crypto';

import type { FastifyInstance, FastifyReply } from 'fastify';

import { AppError } from '../../errors.ts';
import { buildMultipart, parseMultipart, parseMultipartBoundary, type MultipartPart } from '../attachments/multipart.ts';
import { matchAttachmentParts, readStatementsPart } from '../attachments/verify-attachments.ts';
import { isSignatureAttachment, verifyStatementSignature } from '../attachments/verify-signature.ts';
import { hasScope, type XapiCaller } from '../auth/resolve-caller.ts';
import { formatStatement } from '../statements/format-statement.ts';
import { parseStatementQuery } from '../statements/query-params.ts';
import {
  decodeMoreCursor,
  encodeMoreCursor,
  readAttachments,
  readStatement,
  readStatementPage,
  type ReadScope,
  type StatementRow,
} from '../statements/read-statements.ts';
import { sessionAgent, storeStatements } from '../statements/store-statements.ts';
import type { Statement, StoredStatement } from '../types.ts';
import { isUuid } from '../validation/formats.ts';
import { describeFirstProblem, validateStatements } from '../validation/validate-statement.ts';
import { STATEMENTS_JSON_BYTES_MAX, STATEMENTS_PER_REQUEST_MAX, STATEMENTS_REQUEST_BYTES_MAX } from './limits.ts';
import { dispatchXapi, rejectUnknownParameters, XAPI_METHODS, XAPI_ROUTE_CONFIG, type XapiRequest } from './xapi-request.ts';

export const STATEMENTS_PATH = '/xapi/statements';
const CONSISTENT_THROUGH_HEADER = 'X-Experience-API-Consistent-Through';

interface StatementsBody {
  /** The parsed JSON: one Statement or an array of them (not yet validated). */
  value: unknown;
  parts: MultipartPart[];
}

/** Communication §1.5.2: application/json, or multipart/mixed with the Statements first. */
function readStatementsBody(request: XapiRequest): StatementsBody {
  const contentType = request.contentType ?? 'application/json';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  let text: string;
  let parts: MultipartPart[] = [];
  if (mediaType === 'multipart/mixed') {
    const boundary = parseMultipartBoundary(contentType);
    if (boundary === undefined) throw new AppError('bad_request', 'Content-Type: multipart/mixed needs a boundary');
    const parsed = parseMultipart(request.body, boundary);
    if (!parsed.ok) throw new AppError('bad_request', parsed.message);
    const statementsPart = readStatementsPart(parsed.parts);
    if (!statementsPart.ok) throw new AppError('bad_request', statementsPart.message);
    text = statementsPart.value;
    parts = parsed.parts;
  } else if (mediaType === 'application/json') {
    text = request.body.toString('utf8');
  } else {
    throw new AppError('bad_request', 'Content-Type: Statements are sent as application/json or multipart/mixed');
  }
  if (Buffer.byteLength(text) > STATEMENTS_JSON_BYTES_MAX) throw new AppError('payload_too_large', `statements: more than ${STATEMENTS_JSON_BYTES_MAX} bytes of JSON`);
  try {
    return { value: JSON.parse(text) as unknown, parts };
  } catch {
    throw new AppError('bad_request', 'statements: the body is not valid JSON');
  }
}

/** Validates the batch, checks its attachments and signatures; returns the parts by SHA-2. */
async function checkBatch(batch: unknown[], parts: MultipartPart[], request: XapiRequest): Promise<Map<string, MultipartPart>> {
  if (batch.length === 0) throw new AppError('bad_request', 'statements: the batch is empty');
  if (batch.length > STATEMENTS_PER_REQUEST_MAX) throw new AppError('payload_too_large', `statements: more than ${STATEMENTS_PER_REQUEST_MAX} in one request`);
  const problem = describeFirstProblem(validateStatements(batch, { version: request.family }));
  if (problem !== undefined) throw new AppError('bad_request', problem);
  const statements = batch as Statement[];
  const matched = matchAttachmentParts(statements.flatMap((statement) => statement.attachments ?? []), parts);
  if (!matched.ok) throw new AppError('bad_request', matched.message);
  for (const statement of statements) {
    for (const attachment of (statement.attachments ?? []).filter(isSignatureAttachment)) {
      const part = matched.value.get(attachment.sha2.toLowerCase());
      if (part === undefined) throw new AppError('bad_request', 'signature: the JWS must be sent as a part of the request');
      const verified = await verifyStatementSignature(statement, attachment, part.body);
      if (!verified.ok) throw new AppError('bad_request', verified.message);
    }
  }
  return matched.value;
}

async function putStatement(app: FastifyInstance, request: XapiRequest, caller: XapiCaller, reply: FastifyReply): Promise<unknown> {
  rejectUnknownParameters(request, ['statementId']);
  const statementId = request.query.statementId;
  if (statementId === undefined) throw new AppError('bad_request', 'statementId: is required');
  if (!isUuid(statementId)) throw new AppError('bad_request', 'statementId: must be a UUID');
  requireWrite(caller);
  const body = readStatementsBody(request);
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    throw new AppError('bad_request', 'statement: PUT takes one Statement object');
  }
  const statement = body.value as Record<string, unknown>;
  if ('id' in statement && String(statement.id).toLowerCase() !== statementId.toLowerCase()) {
    throw new AppError('bad_request', 'statement.id: must equal the statementId parameter');
  }
  const withId = { ...statement, id: statement.id ?? statementId };
  const attachmentParts = await checkBatch([withId], body.parts, request);
  await storeStatements(app.db, app.config, { statements: [withId as unknown as Statement], attachmentParts, caller, family: request.family });
  return reply.status(204).send();
}

async function postStatements(app: FastifyInstance, request: XapiRequest, caller: XapiCaller, reply: FastifyReply): Promise<unknown> {
  rejectUnknownParameters(request, []);
  requireWrite(caller);
  const body = readStatementsBody(request);
  const batch = Array.isArray(body.value) ? body.value : [body.value];
  const attachmentParts = await checkBatch(batch, body.parts, request);
  const ids = await storeStatements(app.db, app.config, { statements: batch as Statement[], attachmentParts, caller, family: request.family });
  return reply.status(200).send(ids);
}

function requireWrite(caller: XapiCaller): void {
  if (!hasScope(caller, 'statements/write')) throw new AppError('forbidden', 'These credentials lack the "statements/write" scope.');
}

/** Communication §2.1.3 and issue 4 item 2: what this caller may read. */
function readScopeOf(app: FastifyInstance, caller: XapiCaller): ReadScope {
  if (caller.session !== undefined) {
    const registration = caller.session.registration ?? randomUUID();
    return { organisationId: caller.organisationId, credentialId: undefined, agent: sessionAgent(app.config, caller.session), registration };
  }
  if (hasScope(caller, 'statements/read', true)) return { organisationId: caller.organisationId, credentialId: undefined, agent: undefined, registration: undefined };
  if (hasScope(caller, 'statements/read/mine')) return { organisationId: caller.organisationId, credentialId: caller.credentialId, agent: undefined, registration: undefined };
  throw new AppError('forbidden', 'These credentials lack the "statements/read" scope.');
}

async function getStatements(app: FastifyInstance, request: XapiRequest, caller: XapiCaller, reply: FastifyReply): Promise<unknown> {
  const consistentThrough = new Date();
  reply.header(CONSISTENT_THROUGH_HEADER, consistentThrough.toISOString());
  const scope = readScopeOf(app, caller);
  let params = request.query;
  let afterSeq: number | undefined;
  if (params.more !== undefined) {
    rejectUnknownParameters(request, ['more']);
    const cursor = decodeMoreCursor(params.more);
    if (cursor === undefined) throw new AppError('bad_request', 'more: is not a cursor this LRS issued');
    params = cursor.params;
    afterSeq = cursor.afterSeq;
  }
  const parsed = parseStatementQuery(params, request.family);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message);
  const query = parsed.query;
  const format = (statement: StoredStatement) => formatStatement(statement, query.format, { acceptLanguage: request.headers['accept-language'] });
  if (query.kind === 'single') {
    const row = await readStatement(app.db, query.statementId, query.isVoided, scope);
    if (row === undefined) throw new AppError('not_found', `${query.isVoided ? 'voidedStatementId' : 'statementId'}: no such statement`);
    reply.header('last-modified', row.stored.toUTCString());
    return sendStatements(app, reply, format(row.statement), [row], query.attachments);
  }
  const page = await readStatementPage(app.db, query, scope, afterSeq);
  const last = page.rows.at(-1);
  const more = page.hasMore && last !== undefined ? `${STATEMENTS_PATH}?more=${encodeMoreCursor(params, last.seq)}` : '';
  const newest = page.rows.reduce((latest, row) => (row.stored > latest ? row.stored : latest), new Date(0));
  reply.header('last-modified', (page.rows.length === 0 ? consistentThrough : newest).toUTCString());
  return sendStatements(app, reply, { statements: page.rows.map((row) => format(row.statement)), more }, page.rows, query.attachments);
}

/** Communication §2.1.3.s2.b3: with attachments=true, a multipart/mixed answer carrying their data. */
async function sendStatements(app: FastifyInstance, reply: FastifyReply, result: unknown, rows: readonly StatementRow[], isWithAttachments: boolean): Promise<unknown> {
  if (!isWithAttachments) return reply.type('application/json; charset=utf-8').send(JSON.stringify(result));
  const attachments = await readAttachments(app.db, rows.map((row) => row.statement));
  const boundary = `xapi-${randomUUID()}`;
  const body = buildMultipart(
    [
      { contentType: 'application/json; charset=utf-8', body: JSON.stringify(result) },
      ...attachments.map((attachment) => ({
        contentType: attachment.contentType,
        body: attachment.content,
        headers: { 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': attachment.sha2 },
      })),
    ],
    boundary,
  );
  return reply.type(`multipart/mixed; boundary=${boundary}`).send(body);
}

export default async function statementsRoutes(app: FastifyInstance): Promise<void> {
  app.route({
    method: [...XAPI_METHODS],
    url: STATEMENTS_PATH,
    bodyLimit: STATEMENTS_REQUEST_BYTES_MAX,
    config: XAPI_ROUTE_CONFIG,
    schema: { hide: true },
    handler: dispatchXapi(app, {
      GET: (request, caller, reply) => getStatements(app, request, caller, reply),
      PUT: (request, caller, reply) => putStatement(app, request, caller, reply),
      POST: (request, caller, reply) => postStatements(app, request, caller, reply),
    }),
  });
  // Communication §2.1.3.s2.b5: the header is on every GET answer, errors included.
  app.addHook('onSend', async (request, reply) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD' || (request.query as Record<string, unknown>).method === 'GET';
    if (isRead && !reply.hasHeader(CONSISTENT_THROUGH_HEADER)) reply.header(CONSISTENT_THROUGH_HEADER, new Date().toISOString());
  });
}
