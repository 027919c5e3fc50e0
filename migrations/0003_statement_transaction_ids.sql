-- Statements carry their storing transaction's id, so forwarding can follow (txid, seq) up to the
-- oldest transaction still running. Rows stored before this migration get 0: a target's cursor
-- (0, forwarded_through_seq) continues exactly where its seq cursor stood.
ALTER TABLE "forward_targets" ADD COLUMN "forwarded_through_txid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "txid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "txid" SET DEFAULT (pg_current_xact_id()::text::bigint);--> statement-breakpoint
CREATE INDEX "statements_txid_idx" ON "statements" USING btree ("txid","seq");
