/**
 * The `agent` query parameter of the Statement, State, Agents and Agent Profile resources: a JSON
 * encoded Agent (or identified Group for statements), validated like a Statement's Agent
 * (Data §2.2.s4.b4).
 */
import type { Actor, Agent, XapiVersionFamily } from '../types.ts';
import { createChecker, formatProblem, isPlainObject } from '../validation/problems.ts';
import { validateActor, validateAgent } from '../validation/validate-agent.ts';

/** A generous bound on an Agent's JSON: an IFI and a name need far less. */
export const AGENT_PARAMETER_LENGTH_MAX = 8_192;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

function parseJson(text: string, name: string): ParseResult<unknown> {
  if (text.length > AGENT_PARAMETER_LENGTH_MAX) return { ok: false, message: `${name}: is too long` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: `${name}: must be a JSON-encoded Agent` };
  }
}

/** Parses an Agent (exactly one IFI); used by the document resources and GET /agents. */
export function parseAgentParameter(text: string, version: XapiVersionFamily, name = 'agent'): ParseResult<Agent> {
  const parsed = parseJson(text, name);
  if (!parsed.ok) return parsed;
  const checker = createChecker(version);
  validateAgent(checker, parsed.value, name);
  const first = checker.problems[0];
  if (first !== undefined) return { ok: false, message: formatProblem(first) };
  return { ok: true, value: parsed.value as Agent };
}

/**
 * Parses an Agent or an identified Group, as GET /statements allows ("agent: Agent or identified
 * Group Object (JSON)", Communication §2.1.3 table).
 */
export function parseActorParameter(text: string, version: XapiVersionFamily, name = 'agent'): ParseResult<Actor> {
  const parsed = parseJson(text, name);
  if (!parsed.ok) return parsed;
  const checker = createChecker(version);
  validateActor(checker, parsed.value, name);
  const value = parsed.value;
  const isGroup = isPlainObject(value) && value.objectType === 'Group';
  const isAnonymous = isGroup && !['mbox', 'mbox_sha1sum', 'openid', 'account'].some((key) => key in value);
  if (isAnonymous) return { ok: false, message: `${name}: must be an Agent or an identified Group` };
  const first = checker.problems[0];
  if (first !== undefined) return { ok: false, message: formatProblem(first) };
  return { ok: true, value: value as Actor };
}
