import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { organisations } from './schema.ts';

/**
 * Tables of the Learning Record Store. Statements are the record of truth; progress and grades
 * are projections kept up to date in the same transaction as the statements they come from.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** xAPI Basic-auth credentials (xAPI Communication §4.1): the secret is stored hashed, shown once. */
export const lrsCredentials = pgTable('lrs_credentials', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  name: text('name').notNull(),
  /** Whose statements it may read and write; null: every organisation (tool-wide credential). */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** xAPI scopes: all, statements/write, statements/read, statements/read/mine, state, define, profile… */
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/**
 * Statement ids: one row per stored statement, the only place where an id is unique across the
 * monthly partitions of `statements` (a unique index on a partitioned table must contain the
 * partition key). `seq` is handed out here, in storage order: it orders the `more` cursor
 * (stable, never OFFSET) and names the statement in `statements` together with `stored`.
 */
export const statementIds = pgTable('statement_ids', {
  id: uuid('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  stored: timestamp('stored', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * Statements, partitioned by month of `stored` (migrations/0001; partitions are kept ahead by
 * server/xapi/storage/statement-partitions.ts). The columns beside the JSON serve the GET
 * filters; `statement` is the statement as stored.
 */
export const statements = pgTable(
  'statements',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    stored: timestamp('stored', { withTimezone: true, precision: 3 }).notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3 }).notNull(),
    /** Owner of the credential or session that stored it; null for tool-wide credentials. */
    organisationId: uuid('organisation_id'),
    credentialId: uuid('credential_id'),
    actorKey: text('actor_key').notNull(),
    /** The object's key when it is an Agent or identified Group. */
    objectAgentKey: text('object_agent_key'),
    verbId: text('verb_id').notNull(),
    /** The object's id when it is an Activity. */
    activityId: text('activity_id'),
    /** The target when the object is a StatementRef (voiding and references). */
    statementRef: uuid('statement_ref'),
    registration: uuid('registration'),
    isVoided: boolean('is_voided').notNull().default(false),
    statement: jsonb('statement').notNull(),
    /**
     * The storing transaction's id. Seq is handed out before commit, so a lower seq can become
     * visible after a higher one; a reader that must miss nothing (forwarding) follows
     * (txid, seq) up to the oldest transaction still running, past which nothing new can appear.
     */
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (table) => [
    primaryKey({ name: 'statements_pkey', columns: [table.seq, table.stored] }),
    index('statements_txid_idx').on(table.txid, table.seq),
    index('statements_actor_idx').on(table.actorKey, table.seq),
    index('statements_object_agent_idx').on(table.objectAgentKey, table.seq),
    index('statements_verb_idx').on(table.verbId, table.seq),
    index('statements_activity_idx').on(table.activityId, table.seq),
    index('statements_registration_idx').on(table.registration, table.seq),
    // Statements that refer to another (voiding, StatementRef objects): few, scanned in seq order.
    index('statements_referring_idx').on(table.seq).where(sql`statement_ref is not null`),
    index('statements_stored_brin').using('brin', table.stored),
  ],
);

/**
 * Agents and activities anywhere in a statement, for related_agents / related_activities queries.
 * No foreign key (statements is partitioned): rows go and come with their statement's `seq`.
 */
export const statementRelations = pgTable(
  'statement_relations',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** 'agent' | 'activity' */
    kind: text('kind').notNull(),
    key: text('key').notNull(),
  },
  (table) => [primaryKey({ columns: [table.kind, table.key, table.seq] }), index('statement_relations_seq_idx').on(table.seq)],
);

/** Attachment contents by SHA-2 (xAPI Data §2.4.11): shared by every statement that names them. */
export const statementAttachments = pgTable('statement_attachments', {
  sha2: text('sha2').primaryKey(),
  contentType: text('content_type').notNull(),
  length: integer('length').notNull(),
  content: bytea('content').notNull(),
});

/** State, Activity Profile and Agent Profile documents (xAPI Communication §2.3–2.6). */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    /** 'state' | 'activity_profile' | 'agent_profile' */
    kind: text('kind').notNull(),
    /** Organisation that owns it, '' for tool-wide: one organisation never sees another's. */
    scopeKey: text('scope_key').notNull(),
    activityId: text('activity_id').notNull().default(''),
    agentKey: text('agent_key').notNull().default(''),
    registration: text('registration').notNull().default(''),
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    etag: text('etag').notNull(),
    updated: timestamp('updated', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.scopeKey, table.activityId, table.agentKey, table.registration, table.documentId] }),
    index('xapi_documents_updated_idx').on(table.kind, table.scopeKey, table.activityId, table.agentKey, table.updated),
  ],
);

/** Canonical activity definitions seen in statements (GET /activities). */
export const xapiActivities = pgTable(
  'xapi_activities',
  {
    scopeKey: text('scope_key').notNull(),
    activityId: text('activity_id').notNull(),
    definition: jsonb('definition').notNull(),
    updated: timestamp('updated', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.scopeKey, table.activityId] })],
);

/**
 * Projection: one row per learner, registration and module (course-level rows have module_id
 * ''). Kept by the statement projector so the player, grades and dashboards never scan statements.
 */
export const moduleProgress = pgTable(
  'module_progress',
  {
    learnerId: text('learner_id').notNull(),
    registration: text('registration').notNull(),
    courseId: text('course_id').notNull(),
    moduleId: text('module_id').notNull(),
    organisationId: uuid('organisation_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull(),
    furthestLesson: text('furthest_lesson'),
    progressPercent: integer('progress_percent').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    passedAt: timestamp('passed_at', { withTimezone: true }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    bestScaledScore: real('best_scaled_score'),
  },
  (table) => [
    primaryKey({ columns: [table.learnerId, table.registration, table.courseId, table.moduleId] }),
    index('module_progress_course_idx').on(table.courseId, table.moduleId),
  ],
);

/** Projection: the first answer of each learner to each question (item analysis). */
export const firstAnswers = pgTable(
  'first_answers',
  {
    learnerId: text('learner_id').notNull(),
    registration: text('registration').notNull(),
    activityId: text('activity_id').notNull(),
    courseId: text('course_id'),
    response: text('response'),
    isSuccess: boolean('is_success'),
    scaledScore: real('scaled_score'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    statementId: uuid('statement_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.learnerId, table.registration, table.activityId] }), index('first_answers_activity_idx').on(table.activityId)],
);

/** External LRSs that receive a copy of every stored statement (after commit, through the outbox). */
export const forwardTargets = pgTable('forward_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  endpoint: text('endpoint').notNull(),
  username: text('username').notNull(),
  /** Needed in clear to call the target; never returned by the API, never logged. */
  password: text('password').notNull(),
  /** Only statements of this organisation; null: all. */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** Only these verbs; empty: all. */
  verbIds: jsonb('verb_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  isEnabled: boolean('is_enabled').notNull().default(true),
  /** The last statement sent, as (txid, seq): the target catches up in order from here. */
  forwardedThroughTxid: bigint('forwarded_through_txid', { mode: 'number' }).notNull().default(0),
  forwardedThroughSeq: bigint('forwarded_through_seq', { mode: 'number' }).notNull().default(0),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Certificates of completion; the code is printed on the PDF and opens the verification page. */
export const certificates = pgTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    learnerId: text('learner_id').notNull(),
    courseId: text('course_id').notNull(),
    courseVersion: text('course_version').notNull(),
    courseTitle: text('course_title').notNull(),
    /** As the LMS gave it at the launch; the LMS is the authority on names. */
    learnerName: text('learner_name').notNull(),
    locale: text('locale').notNull(),
    organisationId: uuid('organisation_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('certificates_learner_course_key').on(table.learnerId, table.courseId)],
);
