// The parts of an xAPI 2.0 statement the player sends, with the specification's names (xAPI 2.0,
// part 2, section 2.4). The LRS validates the full schema; these types only keep the player honest.
import type { InteractionDefinition, LanguageMap } from '../content/course-types.ts';

export interface Agent {
  objectType: 'Agent';
  account: { homePage: string; name: string };
}

export interface Verb {
  id: string;
  display: LanguageMap;
}

export interface ActivityDefinition {
  type: string;
  name?: LanguageMap;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition: ActivityDefinition | InteractionDefinition;
}

export interface Result {
  score?: { scaled: number; raw?: number; min?: number; max?: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface Context {
  registration?: string;
  contextActivities?: { parent?: Activity[]; grouping?: Activity[] };
  platform?: string;
  language?: string;
  extensions?: Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity;
  result?: Result;
  context: Context;
  timestamp: string;
}
