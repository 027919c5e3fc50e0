import { isStringArray } from './claim-readers.ts';
import { LtiError } from './errors.ts';
import { isRecord } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';
import { readPagedCollection } from './read-paged-collection.ts';

export const NRPS_MEMBERSHIP_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** Pages read per roster; with a platform's usual page size this is thousands of members. */
export const NRPS_PAGES_MAX = 50;
/** Members kept per context; a training cohort is far smaller. */
export const NRPS_MEMBERS_MAX = 10_000;

/** NRPS 2.0 §2.3 member, mapped from the spec's names; name fields only as the platform gave them. */
export interface ContextMember {
  userId: string;
  roles: string[];
  status: 'Active' | 'Inactive' | 'Deleted';
  name: string | undefined;
  givenName: string | undefined;
  familyName: string | undefined;
  email: string | undefined;
  lisPersonSourcedId: string | undefined;
}

export interface ContextMembership {
  context: { id: string; label: string | undefined; title: string | undefined } | undefined;
  members: ContextMember[];
  /** True when a page or member limit stopped the read before the platform's last page. */
  isTruncated: boolean;
}

/**
 * Reads every member of a context from the NRPS `context_memberships_url`, following
 * `Link: rel="next"` (NRPS 2.0 §2.4.1) within `NRPS_PAGES_MAX` pages and `NRPS_MEMBERS_MAX`.
 */
export async function readContextMembers(input: { contextMembershipsUrl: string; accessToken: string; fetch: FetchFunction }): Promise<ContextMembership> {
  const members: ContextMember[] = [];
  let context: ContextMembership['context'];
  let isMemberLimitHit = false;
  const request = {
    url: input.contextMembershipsUrl,
    mediaType: NRPS_MEMBERSHIP_MEDIA_TYPE,
    accessToken: input.accessToken,
    fetch: input.fetch,
    pageCountMax: NRPS_PAGES_MAX,
    purpose: 'NRPS membership',
  };
  const { isTruncated } = await readPagedCollection(request, (body) => {
    if (!isRecord(body) || !Array.isArray(body.members)) throw new LtiError('platform_error', 'NRPS: page has no members array');
    context ??= parseContext(body.context);
    for (const member of body.members as unknown[]) {
      if (members.length >= NRPS_MEMBERS_MAX) {
        isMemberLimitHit = true;
        return false;
      }
      members.push(parseMember(member));
    }
    return true;
  });
  return { context, members, isTruncated: isTruncated || isMemberLimitHit };
}

function parseContext(value: unknown): ContextMembership['context'] {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  return { id: value.id, label: stringOrUndefined(value.label), title: stringOrUndefined(value.title) };
}

/** §2.3: user_id and roles are required; status defaults to Active when absent. */
function parseMember(value: unknown): ContextMember {
  if (!isRecord(value) || typeof value.user_id !== 'string' || value.user_id.length === 0 || !isStringArray(value.roles)) {
    throw new LtiError('platform_error', 'NRPS: a member lacks user_id or roles');
  }
  const status = value.status === 'Inactive' || value.status === 'Deleted' ? value.status : 'Active';
  return {
    userId: value.user_id,
    roles: [...value.roles],
    status,
    name: stringOrUndefined(value.name),
    givenName: stringOrUndefined(value.given_name),
    familyName: stringOrUndefined(value.family_name),
    email: stringOrUndefined(value.email),
    lisPersonSourcedId: stringOrUndefined(value.lis_person_sourcedid),
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
