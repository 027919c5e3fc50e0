import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The application database. Statements (the xAPI record of truth) get their own tables in the
 * LRS change; everything here is the tool's own state. Keep SQL within PostgreSQL 15: CI runs a
 * real PostgreSQL 15 server while the embedded PGlite is PostgreSQL 18.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** NALAS itself, an LGA, or a training centre: the unit that owns platforms, credentials and statistics. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** 'nalas' | 'lga' | 'training_centre' | 'other' */
  kind: text('kind').notNull(),
  /** ISO 3166-1 alpha-2 code of the economy (XK for Kosovo), null for regional bodies. */
  economy: text('economy'),
  createdAt: createdAt(),
});

/** An LMS registered with the tool (LTI Core §3.1.3: identified by issuer + client_id). */
export const platforms = pgTable(
  'platforms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    authUrl: text('auth_url').notNull(),
    tokenUrl: text('token_url').notNull(),
    jwksUrl: text('jwks_url').notNull(),
    /** Audience for client assertions when the token endpoint expects one other than its URL. */
    tokenAudience: text('token_audience'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Administrators launching from a NALAS platform reach the staff face. */
    isNalas: boolean('is_nalas').notNull().default(false),
    /** 'active' | 'disabled' */
    status: text('status').notNull().default('active'),
    /** 'dynamic' | 'manual' */
    registrationMethod: text('registration_method').notNull(),
    productFamilyCode: text('product_family_code'),
    /** The platform's answer to dynamic registration, as received. */
    registration: jsonb('registration'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('platforms_issuer_client_id_key').on(table.issuer, table.clientId)],
);

export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('deployments_platform_deployment_key').on(table.platformId, table.deploymentId)],
);

/**
 * The tool's RSA signing keys. One 'current' key signs; a 'next' key is published in the JWKS
 * before it signs so platforms that cache our JWKS never see an unknown kid (rotation).
 */
export const toolKeys = pgTable(
  'tool_keys',
  {
    kid: text('kid').primaryKey(),
    /** 'next' | 'current' | 'retired' */
    status: text('status').notNull(),
    publicJwk: jsonb('public_jwk').notNull(),
    privateKeyPem: text('private_key_pem').notNull(),
    createdAt: createdAt(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  // At most one current key, enforced by the database so two instances starting together agree.
  (table) => [uniqueIndex('tool_keys_one_current').on(table.status).where(sql`status = 'current'`)],
);

/**
 * Login states as the previous release stored them. No longer written or read: a login state is
 * now sealed into the OIDC `state` itself (server/lti/login-states.ts). The table stays for one
 * release, so instances still running the previous one keep working through a rolling upgrade;
 * the next release's migration drops it.
 */
export const ltiLoginStates = pgTable(
  'lti_login_states',
  {
    stateHash: text('state_hash').primaryKey(),
    nonce: text('nonce').notNull(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    targetLinkUri: text('target_link_uri').notNull(),
    /** `lti_deployment_id` of the login request, when sent (must match the id_token's). */
    loginDeploymentId: text('login_deployment_id'),
    /** `lti_storage_target` of the login request: the platform offers postMessage storage. */
    storageTarget: text('storage_target'),
    /** Hash of the value of the state cookie set at login: binds the state to this browser. */
    browserBindingHash: text('browser_binding_hash').notNull(),
    /** The login parameters, to restart the launch in a new window when the frame has no storage. */
    loginParameters: jsonb('login_parameters').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('lti_login_states_expires_idx').on(table.expiresAt)],
);

/**
 * The hand-off from a verified launch to the web app: a one-time code (only its hash stored)
 * that the page exchanges for a session token. 'awaiting_state' while the browser must still
 * prove it holds the login state (platform storage); 'ready' once it may be exchanged.
 */
export const launchHandoffs = pgTable(
  'launch_handoffs',
  {
    codeHash: text('code_hash').primaryKey(),
    /** 'awaiting_state' | 'ready' | 'used' */
    status: text('status').notNull(),
    stateHash: text('state_hash'),
    session: jsonb('session').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('launch_handoffs_expires_idx').on(table.expiresAt)],
);

/** One-time invitations that let an LMS administrator register a platform dynamically. */
export const registrationInvitations = pgTable('registration_invitations', {
  codeHash: text('code_hash').primaryKey(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  isNalas: boolean('is_nalas').notNull().default(false),
  createdBy: uuid('created_by'),
  note: text('note'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  platformId: uuid('platform_id').references(() => platforms.id, { onDelete: 'set null' }),
});

/**
 * Nonces of launches, accepted or refused, kept until neither the id_token nor its login state
 * could still be presented: replay defence, and what makes a login state single use.
 */
export const ltiUsedNonces = pgTable(
  'lti_used_nonces',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.platformId, table.nonce] }),
    index('lti_used_nonces_expires_idx').on(table.expiresAt),
  ],
);

/**
 * A person as known through one platform. `id` is the pseudonymous identifier that xAPI
 * statements carry (account.name); the LMS identity never leaves this table.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    /** The platform's `sub` claim. */
    subject: text('subject').notNull(),
    name: text('name'),
    email: text('email'),
    locale: text('locale'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('users_platform_subject_key').on(table.platformId, table.subject)],
);

/** An LMS course (LTI context) in which the tool is used; a trainer's cohort. */
export const contexts = pgTable(
  'contexts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    contextId: text('context_id').notNull(),
    title: text('title'),
    label: text('label'),
    /** NRPS context_memberships_url, when the platform offers it. */
    membershipsUrl: text('memberships_url'),
    /** AGS lineitems URL, when the platform offers it. */
    lineItemsUrl: text('line_items_url'),
    rosterSyncedAt: timestamp('roster_synced_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('contexts_platform_context_key').on(table.platformId, table.contextId)],
);

/** A placement of the tool in a context (LTI resource link), bound to a course or module. */
export const resourceLinks = pgTable(
  'resource_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contextId: uuid('context_id')
      .notNull()
      .references(() => contexts.id, { onDelete: 'cascade' }),
    resourceLinkId: text('resource_link_id').notNull(),
    title: text('title'),
    courseId: text('course_id'),
    moduleId: text('module_id'),
    lineItemUrl: text('line_item_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('resource_links_context_link_key').on(table.contextId, table.resourceLinkId)],
);

/** Membership of a user in a context, from launches and from NRPS roster reads. */
export const enrolments = pgTable(
  'enrolments',
  {
    contextId: uuid('context_id')
      .notNull()
      .references(() => contexts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** LIS role URIs as the platform sent them. */
    roles: jsonb('roles').$type<string[]>().notNull(),
    /** 'learner' | 'trainer' | 'staff' */
    face: text('face').notNull(),
    /** 'active' | 'inactive' (NRPS status) */
    status: text('status').notNull().default('active'),
    /** 'launch' | 'roster' */
    source: text('source').notNull(),
    lastLaunchAt: timestamp('last_launch_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.contextId, table.userId] }), index('enrolments_user_idx').on(table.userId)],
);

/**
 * Transactional outbox: work that crosses to another system (AGS scores, forwarding to external
 * LRSs, roster sync) is written in the same transaction as its cause, then claimed by workers
 * with FOR UPDATE SKIP LOCKED, retried with backoff, and idempotent by (topic, key).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').notNull(),
    /** 'pending' | 'done' | 'dead' */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('outbox_topic_key_key').on(table.topic, table.key),
    index('outbox_pending_idx').on(table.runAfter).where(sql`status = 'pending'`),
  ],
);

/** Tool administrators and NALAS staff who sign in directly (not through an LMS). */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** 'admin' | 'staff' */
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** First-party sessions of the admin face. Only a hash of the cookie value is stored. */
export const accountSessions = pgTable(
  'account_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('account_sessions_account_idx').on(table.accountId)],
);

/** One-time links, e.g. to create the first administrator. Only a hash is stored. */
export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  /** 'first_admin' */
  purpose: text('purpose').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Secrets the tool generates for itself on first start (e.g. the key that signs session
 * tokens), shared by every instance on the same database. An administrator may renew them: the
 * previous value is still accepted (never used to sign) for as long as what it signed may live.
 */
export const toolSecrets = pgTable('tool_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
  previousValue: text('previous_value'),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});

export * from './xapi-schema.ts';
