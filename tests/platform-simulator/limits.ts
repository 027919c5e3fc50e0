/**
 * Every limit the simulated platform enforces or uses, in one place, so a test that trips one
 * can find it by name.
 */

/** Request bodies larger than this are refused with 413 (a real LMS has a similar cap). */
export const BODY_SIZE_MAX_BYTES = 256 * 1024;
/** Lifetime of the id_tokens the simulator signs (Moodle uses 60 s; a little slack for slow CI). */
export const ID_TOKEN_LIFETIME_S = 120;
/** Lifetime of the access tokens granted at the token endpoint unless a test asks otherwise. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;
/** A client assertion must not claim to live longer than this (Security Framework §4.1.1: short-lived). */
export const CLIENT_ASSERTION_LIFETIME_MAX_S = 3600;
/** Clock skew tolerated on iat/exp of JWTs the tool signs. */
export const CLOCK_SKEW_S = 60;
/** A login the simulator started can reach /auth for this long. */
export const PENDING_LAUNCH_LIFETIME_MS = 10 * 60 * 1000;
/** A Dynamic Registration token is single use and short-lived. */
export const REGISTRATION_TOKEN_LIFETIME_MS = 10 * 60 * 1000;
/** Waiting for the tool (its JWKS, its pages) longer than this fails the step. */
export const TOOL_REQUEST_TIMEOUT_MS = 10_000;
/** Size of a line item container page when the tool gives no `limit`. */
export const LINE_ITEMS_PAGE_SIZE_DEFAULT = 10;
/** Members per NRPS page when the tool gives no `limit`: small, so a tool that ignores paging is caught. */
export const MEMBERS_PAGE_SIZE_DEFAULT = 10;
/** Largest page either service hands out, whatever `limit` the tool asks for. */
export const PAGE_SIZE_MAX = 100;
/** Platform storage (postMessage) caps per tool origin, mirrored in the embed page's script. */
export const STORAGE_KEYS_PER_ORIGIN_MAX = 64;
export const STORAGE_VALUE_LENGTH_MAX = 4096;
/** Records kept per kind for assertions; beyond it the oldest go, so a long bench cannot grow memory. */
export const RECORDS_PER_KIND_MAX = 10_000;
/** A response to the driver larger than this is cut (bodies are only read for assertions). */
export const RESPONSE_BODY_MAX_CHARS = 2 * 1024 * 1024;
