/**
 * xAPI wire types, one to one with the specification (xAPI 2.0, IEEE 9274.1.1; the 1.0.3 shapes are
 * a subset). Property names are the spec's, verbatim. These describe *valid* data: validation
 * (validation/validate-statement.ts) turns `unknown` into these types.
 */

/** Data §4.2: keys are RFC 5646 language tags. */
export type LanguageMap = Record<string, string>;

/** Data §4.1: keys are IRIs, values are any JSON (null included). */
export type Extensions = Record<string, unknown>;

/** Data §2.4.2.4 */
export interface Account {
  homePage: string;
  name: string;
}

/** Data §2.4.2.3: exactly one of these identifies an Agent or an identified Group. */
export interface InverseFunctionalIdentifier {
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: Account;
}

export type InverseFunctionalIdentifierKey = keyof InverseFunctionalIdentifier;

/** Data §2.4.2.1 */
export interface Agent extends InverseFunctionalIdentifier {
  objectType?: 'Agent';
  name?: string;
}

/** Data §2.4.2.2: anonymous (no IFI, `member` required) or identified (one IFI). */
export interface Group extends InverseFunctionalIdentifier {
  objectType: 'Group';
  name?: string;
  member?: Agent[];
}

export type Actor = Agent | Group;

/** Data §2.4.3 */
export interface Verb {
  id: string;
  display?: LanguageMap;
}

/** Data §2.4.4.1.s8 */
export type InteractionType =
  | 'true-false'
  | 'choice'
  | 'fill-in'
  | 'long-fill-in'
  | 'matching'
  | 'performance'
  | 'sequencing'
  | 'likert'
  | 'numeric'
  | 'other';

/** Data §2.4.4.1.s15 */
export interface InteractionComponent {
  id: string;
  description?: LanguageMap;
}

/** Data §2.4.4.1.s2 and the interaction properties of §2.4.4.1.s8 */
export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  moreInfo?: string;
  extensions?: Extensions;
  interactionType?: InteractionType;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  scale?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  steps?: InteractionComponent[];
}

/** Data §2.4.4.1 */
export interface Activity {
  objectType?: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

/** Data §2.4.4.3 Statement References */
export interface StatementRef {
  objectType: 'StatementRef';
  id: string;
}

/** Data §2.4.5.1 */
export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

/** Data §2.4.5 */
export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Extensions;
}

/** Data §2.4.6.2: arrays after the LRS normalises a single Activity into a list. */
export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

/** The same, as a Learning Record Provider may send it (a single Activity is allowed). */
export type ContextActivitiesInput = {
  [K in keyof ContextActivities]?: Activity | Activity[];
};

/** xAPI 2.0 Data §2.4.6.3 (contextAgents) */
export interface ContextAgent {
  objectType: 'contextAgent';
  agent: Agent;
  relevantTypes?: string[];
}

/** xAPI 2.0 Data §2.4.6.4 (contextGroups) */
export interface ContextGroup {
  objectType: 'contextGroup';
  group: Group;
  relevantTypes?: string[];
}

/** Data §2.4.6 */
export interface Context {
  registration?: string;
  instructor?: Actor;
  team?: Group;
  contextActivities?: ContextActivities;
  contextAgents?: ContextAgent[];
  contextGroups?: ContextGroup[];
  revision?: string;
  platform?: string;
  language?: string;
  statement?: StatementRef;
  extensions?: Extensions;
}

/** Data §2.4.11 */
export interface Attachment {
  usageType: string;
  display: LanguageMap;
  description?: LanguageMap;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
}

/** Data §2.4.4.3 SubStatements: no id, stored, version, authority, nor a nested SubStatement. */
export interface SubStatement {
  objectType: 'SubStatement';
  actor: Actor;
  verb: Verb;
  object: Activity | Agent | Group | StatementRef;
  result?: Result;
  context?: Context;
  timestamp?: string;
  attachments?: Attachment[];
}

export type StatementObject = Activity | Agent | Group | StatementRef | SubStatement;

/** Data §2.4 */
export interface Statement {
  id?: string;
  actor: Actor;
  verb: Verb;
  object: StatementObject;
  result?: Result;
  context?: Context;
  timestamp?: string;
  stored?: string;
  authority?: Actor;
  version?: string;
  attachments?: Attachment[];
}

/** A Statement as the LRS stores and returns it: the LRS-set properties are present. */
export interface StoredStatement extends Statement {
  id: string;
  timestamp: string;
  stored: string;
  authority: Actor;
  version: string;
}

/** Communication §2.1.3: the result of GET /statements. */
export interface StatementResult {
  statements: StoredStatement[];
  more: string;
}

/** Communication §2.4 (Agents Resource): the combined identity of an Agent. */
export interface Person {
  objectType: 'Person';
  name: string[];
  mbox: string[];
  mbox_sha1sum: string[];
  openid: string[];
  account: Account[];
}

/** Communication §2.8 (About Resource) */
export interface About {
  version: string[];
  extensions?: Extensions;
}

/** The two spec families this LRS speaks (Communication §3.3 Versioning). */
export type XapiVersionFamily = '1.0' | '2.0';
