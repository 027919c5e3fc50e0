import { actorKeys } from '../agents/agent-identity.ts';
import type { Actor } from '../types.ts';

/** Keys of an agent or group and, for a group, of its members (related_agents matches both). */
function agentKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? actorKeys(value as Actor) : [];
}

type Json = Record<string, unknown>;

export interface StatementRelations {
  agents: Set<string>;
  activities: Set<string>;
}

/**
 * Every agent and activity a statement mentions, for `related_agents` and `related_activities`
 * (xAPI Communication §2.1.3): actor, object, authority, context instructor and team, context
 * activities, and the same inside a SubStatement.
 */
export function collectRelations(statement: Json): StatementRelations {
  const relations: StatementRelations = { agents: new Set(), activities: new Set() };
  collectFrom(statement, relations, true);
  return relations;
}

function collectFrom(statement: Json, relations: StatementRelations, isTopLevel: boolean): void {
  for (const key of agentKeys(statement.actor)) relations.agents.add(key);
  if (isTopLevel) for (const key of agentKeys(statement.authority)) relations.agents.add(key);
  const object = statement.object as Json | undefined;
  if (object !== undefined) {
    const type = object.objectType ?? 'Activity';
    if (type === 'Activity' && typeof object.id === 'string') relations.activities.add(object.id);
    else if (type === 'Agent' || type === 'Group') for (const key of agentKeys(object)) relations.agents.add(key);
    else if (type === 'SubStatement' && isTopLevel) collectFrom(object, relations, false);
  }
  const context = statement.context as Json | undefined;
  if (context === undefined) return;
  for (const key of agentKeys(context.instructor)) relations.agents.add(key);
  for (const key of agentKeys(context.team)) relations.agents.add(key);
  const contextActivities = context.contextActivities as Json | undefined;
  for (const list of Object.values(contextActivities ?? {})) {
    for (const activity of Array.isArray(list) ? list : [list]) {
      const id = (activity as Json | null)?.id;
      if (typeof id === 'string') relations.activities.add(id);
    }
  }
  // xAPI 2.0 contextAgents / contextGroups.
  for (const entry of [...asArray(context.contextAgents), ...asArray(context.contextGroups)]) {
    const holder = entry as Json | null;
    for (const key of agentKeys(holder?.agent ?? holder?.group)) relations.agents.add(key);
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
