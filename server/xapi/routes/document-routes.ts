/**
 * The three document resources share one behaviour (Communication §2.2): GET one document or the
 * list of ids (with `since`), PUT, POST (JSON merge), DELETE, with the ETag rules of §3.1. What
 * differs (parameters, required scope, storage kind) is passed in by state.ts,
 * activity-profile.ts and agent-profile.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

import { AppError } from '../../errors.ts';
import { agentKey } from '../agents/agent-identity.ts';
import { requireScope, type XapiCaller } from '../auth/resolve-caller.ts';
import { parseDocumentParams, type DocumentMethod, type DocumentParams } from '../documents/document-params.ts';
import { isConflictWithoutHeaders, type DocumentResource } from '../documents/preconditions.ts';
import { deleteDocument, postDocument, putDocument, type Preconditions } from '../documents/write-document.ts';
import { listDocumentIds, readDocument, type DocumentAddress, type DocumentKind } from '../storage/document-store.ts';
import { sessionAgent } from '../statements/store-statements.ts';
import { DOCUMENT_BYTES_MAX } from './limits.ts';
import { dispatchXapi, XAPI_METHODS, XAPI_ROUTE_CONFIG, type XapiHandlers, type XapiRequest } from './xapi-request.ts';

export interface DocumentResourceOptions {
  path: string;
  resource: DocumentResource;
  kind: DocumentKind;
  scope: 'state' | 'profile';
}

interface Target {
  address: DocumentAddress;
  documentId: string | undefined;
  since: string | undefined;
}

/** A launch session may only touch its own learner's State, in its own registration. */
function checkSessionTarget(app: FastifyInstance, caller: XapiCaller, params: DocumentParams): void {
  const session = caller.session;
  if (session === undefined) return;
  if (params.agent === undefined || agentKey(params.agent) !== agentKey(sessionAgent(app.config, session))) {
    throw new AppError('forbidden', 'agent: a session may only use its own learner');
  }
  if (session.registration === undefined || params.registration !== session.registration) {
    throw new AppError('forbidden', 'registration: must be the registration of this launch');
  }
}

function resolveTarget(app: FastifyInstance, options: DocumentResourceOptions, request: XapiRequest, caller: XapiCaller, method: DocumentMethod): Target {
  const parsed = parseDocumentParams(options.resource, method, request.query, request.family);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message);
  requireScope(caller, options.scope, method === 'GET');
  checkSessionTarget(app, caller, parsed.params);
  const { agent, activityId, registration, documentId, since } = parsed.params;
  const address: DocumentAddress = { kind: options.kind, scopeKey: caller.organisationId ?? '' };
  if (activityId !== undefined) address.activityId = activityId;
  if (agent !== undefined) address.agentKey = agentKey(agent) ?? '';
  if (registration !== undefined) address.registration = registration;
  return { address, documentId, since };
}

function preconditionsOf(options: DocumentResourceOptions, request: XapiRequest): Preconditions {
  return {
    ifMatch: request.headers['if-match'],
    ifNoneMatch: request.headers['if-none-match'],
    isConflictWithoutHeaders: isConflictWithoutHeaders(options.resource, request.family),
    isHeaderRequired: options.resource !== 'state' && request.family === '1.0',
  };
}

function bodyOf(request: XapiRequest): { content: Buffer; contentType: string | undefined } {
  if (request.body.length > DOCUMENT_BYTES_MAX) throw new AppError('payload_too_large', `document: more than ${DOCUMENT_BYTES_MAX} bytes`);
  return { content: request.body, contentType: request.contentType };
}

async function getDocument(app: FastifyInstance, options: DocumentResourceOptions, request: XapiRequest, caller: XapiCaller, reply: FastifyReply): Promise<unknown> {
  const target = resolveTarget(app, options, request, caller, 'GET');
  if (target.documentId === undefined) {
    const ids = await listDocumentIds(app.db, target.address, target.since === undefined ? undefined : new Date(target.since));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(ids));
  }
  const document = await readDocument(app.db, target.address, target.documentId);
  if (document === undefined) throw new AppError('not_found', `${options.resource === 'state' ? 'stateId' : 'profileId'}: no such document`);
  reply.header('etag', document.etag).header('last-modified', document.updated.toUTCString());
  return reply.type(document.contentType).send(document.content);
}

export function documentHandlers(app: FastifyInstance, options: DocumentResourceOptions): XapiHandlers {
  return {
    GET: (request, caller, reply) => getDocument(app, options, request, caller, reply),
    PUT: async (request, caller, reply) => {
      const target = resolveTarget(app, options, request, caller, 'PUT');
      await putDocument(app.db, target.address, target.documentId ?? '', bodyOf(request), preconditionsOf(options, request));
      return reply.status(204).send();
    },
    POST: async (request, caller, reply) => {
      const target = resolveTarget(app, options, request, caller, 'POST');
      await postDocument(app.db, target.address, target.documentId ?? '', bodyOf(request), preconditionsOf(options, request));
      return reply.status(204).send();
    },
    DELETE: async (request, caller, reply) => {
      const target = resolveTarget(app, options, request, caller, 'DELETE');
      await deleteDocument(app.db, target.address, target.documentId, preconditionsOf(options, request));
      return reply.status(204).send();
    },
  };
}

/** Registers one document resource at its path. */
export function registerDocumentResource(app: FastifyInstance, options: DocumentResourceOptions): void {
  app.route({
    method: [...XAPI_METHODS],
    url: options.path,
    bodyLimit: DOCUMENT_BYTES_MAX,
    config: XAPI_ROUTE_CONFIG,
    schema: { hide: true },
    handler: dispatchXapi(app, documentHandlers(app, options)),
  });
}
