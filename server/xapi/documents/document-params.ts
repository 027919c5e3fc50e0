/**
 * Query parameters of the document resources (Communication §2.3 State, §2.6 Agent Profile,
 * §2.7 Activity Profile) and of GET /activities (§2.5) and GET /agents (§2.4), validated to the
 * standards of Statement values (Data §2.2.s4.b4). Unknown parameters are rejected.
 */
import { parseAgentParameter } from '../agents/parse-agent-parameter.ts';
import type { Agent, XapiVersionFamily } from '../types.ts';
import { isIri, isTimestamp, isUuid } from '../validation/formats.ts';

export type DocumentMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
export type ParameterResource = 'state' | 'activityProfile' | 'agentProfile' | 'activities' | 'agents';

/** A stateId or profileId is an opaque string; this bounds the index key. */
export const DOCUMENT_ID_LENGTH_MAX = 1_024;

export interface DocumentParams {
  activityId?: string;
  agent?: Agent;
  registration?: string;
  /** stateId or profileId: absent means "list the ids" (GET) or "all documents" (State DELETE). */
  documentId?: string;
  since?: string;
}

export type DocumentParamsResult = { ok: true; params: DocumentParams } | { ok: false; message: string };

interface ResourceRules {
  allowed: readonly string[];
  idName?: 'stateId' | 'profileId';
  needsActivity: boolean;
  needsAgent: boolean;
}

const RULES: Readonly<Record<ParameterResource, ResourceRules>> = {
  state: { allowed: ['activityId', 'agent', 'registration', 'stateId', 'since'], idName: 'stateId', needsActivity: true, needsAgent: true },
  activityProfile: { allowed: ['activityId', 'profileId', 'since'], idName: 'profileId', needsActivity: true, needsAgent: false },
  agentProfile: { allowed: ['agent', 'profileId', 'since'], idName: 'profileId', needsActivity: false, needsAgent: true },
  activities: { allowed: ['activityId'], needsActivity: true, needsAgent: false },
  agents: { allowed: ['agent'], needsActivity: false, needsAgent: true },
};

function checkIdentifier(method: DocumentMethod, resource: ParameterResource, params: Readonly<Record<string, string>>): string | undefined {
  const { idName } = RULES[resource];
  if (idName === undefined) return undefined;
  const id = params[idName];
  // A profile is always addressed by id except when listing; State DELETE without stateId clears all.
  const isIdRequired = method === 'PUT' || method === 'POST' || (method === 'DELETE' && resource !== 'state');
  if (id === undefined) return isIdRequired ? `${idName}: is required` : undefined;
  if (id.length === 0 || id.length > DOCUMENT_ID_LENGTH_MAX) return `${idName}: must be 1 to ${DOCUMENT_ID_LENGTH_MAX} characters`;
  if (params.since !== undefined) return `since: must not be combined with ${idName}`;
  return undefined;
}

function checkRequired(resource: ParameterResource, params: Readonly<Record<string, string>>): string | undefined {
  const rules = RULES[resource];
  const unknown = Object.keys(params).find((key) => !rules.allowed.includes(key));
  if (unknown !== undefined) return `${unknown}: is not a parameter of this resource`;
  if (rules.needsActivity && params.activityId === undefined) return 'activityId: is required';
  if (rules.needsAgent && params.agent === undefined) return 'agent: is required';
  if (params.activityId !== undefined && !isIri(params.activityId)) return 'activityId: must be an IRI';
  if (params.registration !== undefined && !isUuid(params.registration)) return 'registration: must be a UUID';
  if (params.since !== undefined && !isTimestamp(params.since)) return 'since: must be an ISO 8601 timestamp';
  return undefined;
}

export function parseDocumentParams(
  resource: ParameterResource,
  method: DocumentMethod,
  params: Readonly<Record<string, string>>,
  version: XapiVersionFamily,
): DocumentParamsResult {
  const problem = checkRequired(resource, params) ?? checkIdentifier(method, resource, params);
  if (problem !== undefined) return { ok: false, message: problem };
  const result: DocumentParams = {};
  if (params.agent !== undefined) {
    const agent = parseAgentParameter(params.agent, version);
    if (!agent.ok) return agent;
    result.agent = agent.value;
  }
  if (params.activityId !== undefined) result.activityId = params.activityId;
  if (params.registration !== undefined) result.registration = params.registration;
  if (params.since !== undefined) result.since = params.since;
  const idName = RULES[resource].idName;
  const id = idName === undefined ? undefined : params[idName];
  if (id !== undefined) result.documentId = id;
  return { ok: true, params: result };
}
