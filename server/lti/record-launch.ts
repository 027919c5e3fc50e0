import { sql } from 'drizzle-orm';

import type { LtiFace, LtiLaunch } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { HANDOFF_LIFETIME_MS, type NewHandoff } from '../session/launch-handoffs.ts';
import type { LaunchSession } from '../session/launch-session.ts';
import { insertUsedNonce, type LaunchPlatform } from './login-states.ts';
import { selectPreparedRows } from '../db/prepared-rows.ts';

export interface RecordedLaunch {
  userId: string;
  contextId: string | undefined;
  resourceLinkId: string | undefined;
  courseId: string | undefined;
  moduleId: string | undefined;
}

/** What the launch statement fills in of the session: the ids it upserts (and what follows from them). */
export type SessionWithoutIds = Omit<LaunchSession, 'sub' | 'contextId' | 'resourceLinkId' | 'courseId' | 'moduleId' | 'registration'>;

/** Custom parameters by which a deep-linked resource link names what it opens. */
export const CUSTOM_COURSE_PARAMETER = 'course';
export const CUSTOM_MODULE_PARAMETER = 'module';

export interface LaunchRecord {
  /** The platform as the login found it; the statement writes only if it is still so. */
  platform: LaunchPlatform;
  launch: LtiLaunch;
  face: LtiFace;
  /** The verified id_token's nonce, kept until neither the token nor its login state can be presented any more. */
  nonce: { value: string; expiresAt: Date };
  handoff: NewHandoff;
  session: SessionWithoutIds;
}

type RecordedRow = {
  isPlatformActive: boolean;
  isPlatformUnchanged: boolean;
  isDeploymentKnown: boolean;
  isNonceNew: boolean;
  userId: string | null;
  contextId: string | null;
  resourceLinkId: string | null;
  courseId: string | null;
  moduleId: string | null;
};

/** Why `recordLaunch` wrote nothing but the nonce. */
export type UnrecordedLaunch = 'platform_inactive' | 'platform_changed' | 'deployment_unknown' | 'nonce_replayed';

/**
 * Records a verified launch in one statement, so a launch costs one round trip (and one commit)
 * here instead of one per table: the nonce is recorded (Security Framework §5.1.3 step 9: single
 * use; it also uses the login state up, whose nonce it is), then — only when the nonce is new,
 * the platform still active and as the login found it, and the deployment still registered —
 * the user, the context, the membership, the resource link and the hand-off of the session with
 * the ids they got. The user gets a stable pseudonymous UUID per platform user: it is what xAPI
 * statements carry; the LMS identity stays in `users`.
 */
export async function recordLaunch(db: Database, record: LaunchRecord): Promise<RecordedLaunch | UnrecordedLaunch> {
  const rows = await selectPreparedRows<RecordedRow>(
    db,
    'record_launch',
    ['isPlatformActive', 'isPlatformUnchanged', 'isDeploymentKnown', 'isNonceNew', 'userId', 'contextId', 'resourceLinkId', 'courseId', 'moduleId'],
    sql`with ${checkPlatform(record)},
    nonce as (${insertNonce(record)}),
    accepted as (select platform_id from nonce where exists (select 1 from unchanged_platform) and exists (select 1 from deployment)),
    launch_user as (${upsertUser(record)}),
    ${upsertContext(record)},
    enrolment as (${upsertEnrolment(record)}),
    ${upsertResourceLink(record)},
    recorded as (
      select launch_user.id as user_id, launch_context.id as context_id, link.id as resource_link_id, link.course_id, link.module_id
      from launch_user left join launch_context on true left join link on true
    ),
    handoff as (${insertHandoff(record)})
    select exists (select 1 from active_platform), exists (select 1 from unchanged_platform), exists (select 1 from deployment), exists (select 1 from nonce),
      user_id, context_id, resource_link_id, course_id, module_id
    from (select) as always_one_row left join recorded on true`,
  );
  const row = rows[0];
  if (row?.isPlatformActive !== true) return 'platform_inactive';
  if (!row.isPlatformUnchanged) return 'platform_changed';
  if (!row.isDeploymentKnown) return 'deployment_unknown';
  if (!row.isNonceNew) return 'nonce_replayed';
  if (row.userId === null) throw new Error('the launch statement recorded no user although every check passed');
  return {
    userId: row.userId,
    contextId: row.contextId ?? undefined,
    resourceLinkId: row.resourceLinkId ?? undefined,
    courseId: row.courseId ?? undefined,
    moduleId: row.moduleId ?? undefined,
  };
}

/**
 * The platform as it is now: still active (an administrator may have disabled it since the
 * login), with the issuer, client_id, JWKS URL, NALAS flag and organisation the login state
 * carries, and still with the token's deployment.
 */
function checkPlatform({ platform, launch }: LaunchRecord) {
  return sql`active_platform as (
    select id, issuer, client_id, jwks_url, is_nalas, organisation_id from platforms where id = ${platform.id}::uuid and status = 'active'
  ),
  unchanged_platform as (
    select id from active_platform
    where issuer = ${platform.issuer} and client_id = ${platform.clientId} and jwks_url = ${platform.jwksUrl}
      and is_nalas = ${platform.isNalas}::boolean and organisation_id is not distinct from ${platform.organisationId}::uuid
  ),
  deployment as (
    select 1 from deployments where platform_id = ${platform.id}::uuid and deployment_id = ${launch.deploymentId}
  )`;
}

/**
 * The nonce, recorded whatever else holds (a refused launch uses its state up too); every later
 * part selects from it, so a replay writes nothing else.
 */
function insertNonce({ platform, nonce }: LaunchRecord) {
  return insertUsedNonce(platform.id, nonce.value, nonce.expiresAt);
}

function upsertUser({ launch }: LaunchRecord) {
  return sql`insert into users (platform_id, subject, name, email, locale, last_seen_at)
    select platform_id, ${launch.subject ?? 'anonymous'}, ${launch.person.name ?? null}::text, ${launch.person.email ?? null}::text, ${launch.locale ?? null}::text, now()
    from accepted
    on conflict (platform_id, subject) do update set
      name = coalesce(excluded.name, users.name),
      email = coalesce(excluded.email, users.email),
      locale = coalesce(excluded.locale, users.locale),
      last_seen_at = excluded.last_seen_at
    returning id`;
}

/**
 * The context as found, else inserted. Every learner of a course launches into the same context
 * row, often within the same minute: it is written only when the launch brings something new, so
 * launches do not queue behind each other's row lock (a write holds it until commit). The update
 * reads the row's current columns, not the snapshot's, so it never undoes a concurrent change.
 */
function upsertContext({ launch }: LaunchRecord) {
  const context = launch.context;
  const contextId = context?.id ?? null;
  const title = context?.title ?? null;
  const label = context?.label ?? null;
  const membershipsUrl = launch.nrps?.contextMembershipsUrl ?? null;
  const lineItemsUrl = launch.ags?.lineItemsUrl ?? null;
  return sql`found_context as (
    select contexts.id from contexts join accepted on contexts.platform_id = accepted.platform_id
    where contexts.context_id = ${contextId}::text
  ),
  inserted_context as (
    insert into contexts (platform_id, deployment_id, context_id, title, label, memberships_url, line_items_url)
    select platform_id, ${launch.deploymentId}, ${contextId}::text, ${title}::text, ${label}::text, ${membershipsUrl}::text, ${lineItemsUrl}::text
    from accepted where ${contextId}::text is not null and not exists (select 1 from found_context)
    on conflict (platform_id, context_id) do update set
      title = coalesce(excluded.title, contexts.title),
      label = coalesce(excluded.label, contexts.label),
      memberships_url = coalesce(excluded.memberships_url, contexts.memberships_url),
      line_items_url = coalesce(excluded.line_items_url, contexts.line_items_url),
      updated_at = now()
    returning id
  ),
  changed_context as (
    update contexts set
      title = coalesce(${title}::text, contexts.title),
      label = coalesce(${label}::text, contexts.label),
      memberships_url = coalesce(${membershipsUrl}::text, contexts.memberships_url),
      line_items_url = coalesce(${lineItemsUrl}::text, contexts.line_items_url),
      updated_at = now()
    from found_context
    where contexts.id = found_context.id
      and (coalesce(${title}::text, contexts.title), coalesce(${label}::text, contexts.label),
        coalesce(${membershipsUrl}::text, contexts.memberships_url), coalesce(${lineItemsUrl}::text, contexts.line_items_url))
        is distinct from (contexts.title, contexts.label, contexts.memberships_url, contexts.line_items_url)
  ),
  launch_context as (select id from found_context union all select id from inserted_context)`;
}

function upsertEnrolment({ launch, face }: LaunchRecord) {
  return sql`insert into enrolments (context_id, user_id, roles, face, status, source, last_launch_at)
    select launch_context.id, launch_user.id, ${JSON.stringify(launch.roles)}::jsonb, ${face}, 'active', 'launch', now()
    from launch_context, launch_user
    on conflict (context_id, user_id) do update set
      roles = excluded.roles, face = excluded.face, status = 'active', last_launch_at = excluded.last_launch_at, updated_at = now()`;
}

/** The resource link as found, else inserted; written only when the launch changes it (as the context). */
function upsertResourceLink({ launch }: LaunchRecord) {
  const linkId = launch.resourceLink?.id ?? null;
  const title = launch.resourceLink?.title ?? null;
  // A deep-linked link names its course and module in custom parameters; a link added by hand
  // names nothing and is bound later by the first trainer who opens it.
  const courseId = launch.custom[CUSTOM_COURSE_PARAMETER] ?? null;
  const moduleId = courseId === null ? null : (launch.custom[CUSTOM_MODULE_PARAMETER] ?? null);
  const lineItemUrl = launch.ags?.lineItemUrl ?? null;
  // A launch naming a course names the module too (or none: the whole course).
  const newModuleId = sql`case when ${courseId}::text is null then resource_links.module_id else ${moduleId}::text end`;
  return sql`found_link as (
    select resource_links.id, resource_links.course_id, resource_links.module_id
    from resource_links join launch_context on resource_links.context_id = launch_context.id
    where resource_links.resource_link_id = ${linkId}::text
  ),
  inserted_link as (
    insert into resource_links (context_id, resource_link_id, title, course_id, module_id, line_item_url)
    select id, ${linkId}::text, ${title}::text, ${courseId}::text, ${moduleId}::text, ${lineItemUrl}::text
    from launch_context where ${linkId}::text is not null and not exists (select 1 from found_link)
    on conflict (context_id, resource_link_id) do update set
      title = coalesce(excluded.title, resource_links.title),
      course_id = coalesce(excluded.course_id, resource_links.course_id),
      module_id = case when excluded.course_id is null then resource_links.module_id else excluded.module_id end,
      line_item_url = coalesce(excluded.line_item_url, resource_links.line_item_url),
      updated_at = now()
    returning id, course_id, module_id
  ),
  changed_link as (
    update resource_links set
      title = coalesce(${title}::text, resource_links.title),
      course_id = coalesce(${courseId}::text, resource_links.course_id),
      module_id = ${newModuleId},
      line_item_url = coalesce(${lineItemUrl}::text, resource_links.line_item_url),
      updated_at = now()
    from found_link
    where resource_links.id = found_link.id
      and (coalesce(${title}::text, resource_links.title), coalesce(${courseId}::text, resource_links.course_id), ${newModuleId},
        coalesce(${lineItemUrl}::text, resource_links.line_item_url))
        is distinct from (resource_links.title, resource_links.course_id, resource_links.module_id, resource_links.line_item_url)
    returning resource_links.id, resource_links.course_id, resource_links.module_id
  ),
  link as (
    select id, course_id, module_id from changed_link
    union all select id, course_id, module_id from found_link where not exists (select 1 from changed_link)
    union all select id, course_id, module_id from inserted_link
  )`;
}

/** The session with the ids just upserted; absent ids are left out, as JSON leaves out undefined. */
function insertHandoff({ handoff, session }: LaunchRecord) {
  return sql`insert into launch_handoffs (code_hash, status, state_hash, session, expires_at)
    select ${handoff.codeHash}, ${handoff.status}, ${handoff.stateHash}::text,
      ${JSON.stringify(session)}::jsonb || jsonb_strip_nulls(jsonb_build_object(
        'sub', user_id, 'contextId', context_id, 'resourceLinkId', resource_link_id, 'courseId', course_id, 'moduleId', module_id)),
      now() + ${HANDOFF_LIFETIME_MS}::integer * interval '1 millisecond'
    from recorded`;
}
