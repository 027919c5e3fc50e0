import { createHash } from 'node:crypto';

import type { DeepLinkingSettings, LtiFace } from '../../lti/index.ts';

/**
 * What a session token carries after a launch: who (the pseudonymous user id, never the LMS
 * identity), where (platform, context, resource link), as whom (face, LIS roles), and in which
 * language. The web app sends it as a Bearer token; no cookie is involved inside the LMS frame.
 */
export interface LaunchSession {
  /** The pseudonymous user id (users.id), also the xAPI account name. */
  sub: string;
  platformId: string;
  /** The platform's organisation: whose statistics and statements these are. */
  organisationId: string | undefined;
  contextId: string | undefined;
  resourceLinkId: string | undefined;
  face: LtiFace;
  roles: string[];
  locale: string | undefined;
  courseId: string | undefined;
  moduleId: string | undefined;
  /** xAPI registration: one per learner and resource link, stable across launches. */
  registration: string | undefined;
  /** Display name as the LMS gave it (certificates, trainer views); absent when not shared. */
  name: string | undefined;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  /** For a content selection (Deep Linking) launch: what the platform asked for. */
  deepLinking: { settings: DeepLinkingSettings; deploymentId: string } | undefined;
}

/** Namespace of the registration UUIDs (RFC 4122 §4.3, name-based with SHA-1). */
const REGISTRATION_NAMESPACE = '5f3b6a0e-8d4c-4b8e-9a51-3c1f2d7e9b60';

/** A deterministic UUID v5: the same learner on the same resource link gets the same registration. */
export function registrationFor(userId: string, resourceLinkId: string): string {
  const namespace = Buffer.from(REGISTRATION_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`${userId}:${resourceLinkId}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The session with its xAPI registration, derived from the user and the resource link (a
 * launch stores its session in one statement with the ids it upserts, before they are known
 * here). A registration already present is kept.
 */
export function withRegistration(session: Omit<LaunchSession, 'registration'> & { registration?: string | undefined }): LaunchSession {
  const registration = session.registration ?? (session.resourceLinkId === undefined ? undefined : registrationFor(session.sub, session.resourceLinkId));
  return { ...session, registration };
}
