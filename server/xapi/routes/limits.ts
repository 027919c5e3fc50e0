/** The named limits of the LRS's HTTP face. */

/** Whole request to /xapi/statements, attachments included (multipart/mixed). */
export const STATEMENTS_REQUEST_BYTES_MAX = 32 * 1024 * 1024;
/** The Statements themselves (the JSON body, or the JSON part of a multipart body). */
export const STATEMENTS_JSON_BYTES_MAX = 8 * 1024 * 1024;
/** Statements in one POST: a batch is stored in one transaction. */
export const STATEMENTS_PER_REQUEST_MAX = 1_000;
/** One document (State, Activity Profile, Agent Profile). */
export const DOCUMENT_BYTES_MAX = 4 * 1024 * 1024;
