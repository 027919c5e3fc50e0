DROP INDEX "statements_ref_idx";--> statement-breakpoint
CREATE INDEX "statements_referring_idx" ON "statements" USING btree ("seq") WHERE statement_ref is not null;