/** Statements shaped like the ones the ADL conformance suite sends, for the unit tests. */
export const AGENT = { objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' };
export const VERB = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended', 'en-US': 'attended' } };
export const ACTIVITY = { objectType: 'Activity', id: 'http://www.example.com/meetings/occurances/34534' };

export function buildStatement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return structuredClone({ actor: AGENT, verb: VERB, object: ACTIVITY, ...overrides });
}
