/** The storage-free core of the xAPI LRS: the HTTP routes and storage call these. */
export type * from './types.ts';
export { describeAbout } from './about.ts';
export * from './version.ts';
export * from './alternate-request.ts';
export * from './validation/formats.ts';
export { formatProblem, type ValidationProblem } from './validation/problems.ts';
export {
  AUTHORITY_GROUP_MEMBER_COUNT,
  STATEMENT_VERSION_PATTERN,
  VOIDED_VERB_ID,
  describeFirstProblem,
  isValidStatement,
  validateStatement,
  validateStatements,
  type ValidateStatementOptions,
} from './validation/validate-statement.ts';
export { INTERACTION_TYPES, COMPONENT_LISTS_BY_INTERACTION_TYPE } from './validation/validate-activity.ts';
export { IFI_KEYS } from './validation/validate-agent.ts';
export { isSameStatement } from './statements/compare-statements.ts';
export * from './statements/format-statement.ts';
export * from './statements/pick-language.ts';
export * from './statements/prepare-statement.ts';
export * from './statements/query-params.ts';
export { DURATION_SECONDS_FRACTION_DIGITS, normalizeContextActivities, truncateDuration } from './statements/normalize-statement.ts';
export * from './agents/agent-identity.ts';
export * from './agents/person-from-agents.ts';
export * from './agents/parse-agent-parameter.ts';
export * from './attachments/multipart.ts';
export * from './attachments/verify-attachments.ts';
export * from './attachments/verify-signature.ts';
export * from './documents/merge-document.ts';
export * from './documents/preconditions.ts';
export * from './documents/document-params.ts';
