/**
 * Communication §2.1.3 `format` parameter of GET /statements:
 * - exact: the Statement as stored.
 * - ids: Agents, Groups, Activities and Verbs reduced to what identifies them (objectType and IFI;
 *   an anonymous Group keeps its members, each reduced; Activity and Verb keep only `id`).
 * - canonical: Activity definitions and Verb displays with every language map reduced to one
 *   language chosen by `Accept-Language`; the LRS may substitute its canonical Activity definition.
 */
import { identifierProperties } from '../agents/agent-identity.ts';
import type {
  Activity,
  ActivityDefinition,
  Actor,
  Agent,
  Context,
  Group,
  Statement,
  StatementObject,
  SubStatement,
  Verb,
} from '../types.ts';
import { reduceLanguageMap } from './pick-language.ts';

export const STATEMENT_FORMATS = ['exact', 'ids', 'canonical'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface FormatOptions {
  acceptLanguage?: string;
  /** format=canonical: the LRS's canonical definition of an Activity, when it has one. */
  canonicalDefinition?: (activityId: string) => ActivityDefinition | undefined;
}

interface Transform {
  actor(actor: Actor): Actor;
  activity(activity: Activity): Activity;
  verb(verb: Verb): Verb;
}

function idsActor(actor: Actor): Actor {
  if (actor.objectType === 'Group') {
    const group: Group = { objectType: 'Group', ...identifierProperties(actor) };
    const isAnonymous = Object.keys(group).length === 1;
    if (isAnonymous && actor.member !== undefined) group.member = actor.member.map((member) => idsActor(member) as Agent);
    return group;
  }
  return { objectType: 'Agent', ...identifierProperties(actor) };
}

function canonicalDefinition(definition: ActivityDefinition, acceptLanguage: string | undefined): ActivityDefinition {
  const result: ActivityDefinition = { ...definition };
  if (definition.name !== undefined) result.name = reduceLanguageMap(definition.name, acceptLanguage);
  if (definition.description !== undefined) result.description = reduceLanguageMap(definition.description, acceptLanguage);
  for (const list of ['choices', 'scale', 'source', 'target', 'steps'] as const) {
    const components = definition[list];
    if (components === undefined) continue;
    result[list] = components.map((component) =>
      component.description === undefined
        ? component
        : { ...component, description: reduceLanguageMap(component.description, acceptLanguage) });
  }
  return result;
}

function createTransform(format: StatementFormat, options: FormatOptions): Transform | undefined {
  if (format === 'exact') return undefined;
  if (format === 'ids') {
    return {
      actor: idsActor,
      // Only the id: the 2.0 conformance suite (XAPI-00171) expects an Activity of one key.
      activity: (activity) => ({ id: activity.id }),
      verb: (verb) => ({ id: verb.id }),
    };
  }
  const { acceptLanguage } = options;
  return {
    actor: (actor) => actor,
    activity: (activity) => {
      const definition = options.canonicalDefinition?.(activity.id) ?? activity.definition;
      return definition === undefined ? activity : { ...activity, definition: canonicalDefinition(definition, acceptLanguage) };
    },
    verb: (verb) => (verb.display === undefined ? verb : { ...verb, display: reduceLanguageMap(verb.display, acceptLanguage) }),
  };
}

function transformContext(context: Context, transform: Transform): Context {
  const result: Context = { ...context };
  if (context.instructor !== undefined) result.instructor = transform.actor(context.instructor);
  if (context.team !== undefined) result.team = transform.actor(context.team) as Group;
  if (context.contextActivities !== undefined) {
    result.contextActivities = Object.fromEntries(
      Object.entries(context.contextActivities).map(([key, list]) => [key, (list as Activity[]).map(transform.activity)]),
    );
  }
  if (context.contextAgents !== undefined) {
    result.contextAgents = context.contextAgents.map((item) => ({ ...item, agent: transform.actor(item.agent) as Agent }));
  }
  if (context.contextGroups !== undefined) {
    result.contextGroups = context.contextGroups.map((item) => ({ ...item, group: transform.actor(item.group) as Group }));
  }
  return result;
}

function transformObject(object: StatementObject, transform: Transform): StatementObject {
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      // An object without objectType is an Activity (Data §2.4.4.s2).
      return transform.activity(object as Activity);
    case 'Agent':
    case 'Group':
      return transform.actor(object);
    case 'SubStatement':
      return transformCore(object, transform);
    case 'StatementRef':
      return object;
  }
}

function transformCore<T extends Statement | SubStatement>(statement: T, transform: Transform): T {
  const result: T = {
    ...statement,
    actor: transform.actor(statement.actor),
    verb: transform.verb(statement.verb),
    object: transformObject(statement.object, transform),
  };
  if (statement.context !== undefined) result.context = transformContext(statement.context, transform);
  return result;
}

/** Returns a formatted copy; the input is not modified. */
export function formatStatement<T extends Statement>(statement: T, format: StatementFormat, options: FormatOptions = {}): T {
  const transform = createTransform(format, options);
  if (transform === undefined) return statement;
  const result = transformCore(statement, transform);
  if (statement.authority !== undefined) result.authority = transform.actor(statement.authority);
  return result;
}
