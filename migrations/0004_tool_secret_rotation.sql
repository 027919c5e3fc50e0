ALTER TABLE "tool_secrets" ADD COLUMN "previous_value" text;--> statement-breakpoint
ALTER TABLE "tool_secrets" ADD COLUMN "rotated_at" timestamp with time zone;