-- Statements partitioned by month of "stored". A unique index on a partitioned table must hold
-- the partition key, so statement ids are kept unique in "statement_ids", which also hands out
-- "seq". Partitions for the coming months are created at start-up and every few hours
-- (server/xapi/storage/statement-partitions.ts); "statements_default" catches anything else.
CREATE TABLE "statement_ids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "statement_ids_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"stored" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statement_relations" DROP CONSTRAINT "statement_relations_seq_statements_seq_fk";
--> statement-breakpoint
ALTER TABLE "statements" RENAME TO "statements_unpartitioned";
--> statement-breakpoint
CREATE TABLE "statements" (
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"stored" timestamp (3) with time zone NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"organisation_id" uuid,
	"credential_id" uuid,
	"actor_key" text NOT NULL,
	"object_agent_key" text,
	"verb_id" text NOT NULL,
	"activity_id" text,
	"statement_ref" uuid,
	"registration" uuid,
	"is_voided" boolean DEFAULT false NOT NULL,
	"statement" jsonb NOT NULL
) PARTITION BY RANGE ("stored");
--> statement-breakpoint
CREATE TABLE "statements_default" PARTITION OF "statements" DEFAULT;
--> statement-breakpoint
DO $$
DECLARE
  month timestamp;
BEGIN
  SELECT date_trunc('month', coalesce(min("stored"), now()) AT TIME ZONE 'UTC') INTO month FROM "statements_unpartitioned";
  WHILE month <= date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "statements" FOR VALUES FROM (%L) TO (%L)',
      'statements_' || to_char(month, 'YYYY_MM'), month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
    month := month + interval '1 month';
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO "statement_ids" ("id", "seq", "stored") OVERRIDING SYSTEM VALUE SELECT "id", "seq", "stored" FROM "statements_unpartitioned";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('statement_ids', 'seq'), coalesce((SELECT max("seq") FROM "statement_ids"), 0) + 1, false);
--> statement-breakpoint
INSERT INTO "statements" ("seq", "id", "stored", "timestamp", "organisation_id", "credential_id", "actor_key", "object_agent_key", "verb_id", "activity_id", "statement_ref", "registration", "is_voided", "statement")
  SELECT "seq", "id", "stored", "timestamp", "organisation_id", "credential_id", "actor_key", "object_agent_key", "verb_id", "activity_id", "statement_ref", "registration", "is_voided", "statement" FROM "statements_unpartitioned";
--> statement-breakpoint
DROP TABLE "statements_unpartitioned";
--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_pkey" PRIMARY KEY ("seq", "stored");
--> statement-breakpoint
CREATE INDEX "statements_actor_idx" ON "statements" USING btree ("actor_key","seq");
--> statement-breakpoint
CREATE INDEX "statements_object_agent_idx" ON "statements" USING btree ("object_agent_key","seq");
--> statement-breakpoint
CREATE INDEX "statements_verb_idx" ON "statements" USING btree ("verb_id","seq");
--> statement-breakpoint
CREATE INDEX "statements_activity_idx" ON "statements" USING btree ("activity_id","seq");
--> statement-breakpoint
CREATE INDEX "statements_registration_idx" ON "statements" USING btree ("registration","seq");
--> statement-breakpoint
CREATE INDEX "statements_ref_idx" ON "statements" USING btree ("statement_ref");
--> statement-breakpoint
CREATE INDEX "statements_stored_brin" ON "statements" USING brin ("stored");
