/** AGS 2.0 §3.1 and NRPS 2.0 §3.6 scopes; request only those a call needs. */
export const AGS_SCOPE_LINE_ITEM = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem';
export const AGS_SCOPE_LINE_ITEM_READONLY = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly';
export const AGS_SCOPE_SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
export const AGS_SCOPE_RESULT_READONLY = 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly';
export const NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

/** What the tool asks for at registration: it writes line items and scores, reads results and rosters. */
export const TOOL_SCOPES = [
  AGS_SCOPE_LINE_ITEM,
  AGS_SCOPE_SCORE,
  AGS_SCOPE_RESULT_READONLY,
  NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY,
] as const;
