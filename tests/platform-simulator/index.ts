/**
 * An LTI 1.3 platform (Moodle-like) for tests, written from the 1EdTech specifications and
 * independent of the tool's own protocol code, so that the tool's mistakes show.
 */
export { startPlatformSimulator, PlatformSimulator, type PlatformSimulatorOptions, type ToolSettings, type EmbeddedLaunchOptions } from './simulator.ts';
export type { LaunchOptions, LaunchResult } from './launch-driver.ts';
export type { DynamicRegistrationOptions, DynamicRegistrationResult } from './register-dynamically.ts';
export type { LaunchClaimsOptions, LaunchUser, LaunchContext, LaunchResourceLink, DeepLinkingSettingsOptions } from './launch-claims.ts';
export { DEFAULT_USER, DEFAULT_CONTEXT, DEFAULT_RESOURCE_LINK } from './launch-claims.ts';
export { LAUNCH_TAMPERS, type LaunchTamper, UNKNOWN_ISSUER, UNKNOWN_DEPLOYMENT_ID, OTHER_CLIENT_ID, OFF_ORIGIN_TARGET_LINK_URI } from './tamper.ts';
export { CookieJar, type StoredCookie, type RequestSite } from './cookie-jar.ts';
export type { BrowserResponse } from './browser-request.ts';
export type { PlatformKey } from './platform-keys.ts';
export type { ToolClient, AuthRequestRecord, TokenRequestRecord, RegistrationRecord, LineItem, Score, ScoreRecord, ServiceRequestRecord, DeepLinkReturnRecord, Member } from './records.ts';
export { TOOL_FRAME_NAME } from './embed-page.ts';
export { TOOL_TYPE_ID } from './platform-state.ts';
export { CLAIM, ROLE, ROLE_SETS, SCOPE, MEDIA_TYPE, MESSAGE_TYPE, LTI_VERSION, ACTIVITY_PROGRESS, GRADING_PROGRESS } from './vocabulary.ts';
export * as limits from './limits.ts';
