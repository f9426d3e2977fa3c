CREATE TABLE "job_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"sim_sid" text NOT NULL,
	"iccid" text,
	"name" text,
	"status" text NOT NULL,
	"skip_reason" text,
	"error_code" text,
	"error_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"transient_failures" integer DEFAULT 0 NOT NULL,
	"needs_check" boolean DEFAULT false NOT NULL,
	"not_before" timestamp with time zone,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"before" jsonb,
	"after" jsonb,
	"audit_entry_id" uuid,
	"sent_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_items_status_check" CHECK ("job_items"."status" in ('pending', 'running', 'succeeded', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_email" text NOT NULL,
	"created_by_role" text NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"selection" jsonb NOT NULL,
	"rejected_lines" jsonb,
	"reason" text,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"confirmed_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"canceled_by_email" text,
	CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" in ('draft', 'queued', 'running', 'completed', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "job_items" ADD CONSTRAINT "job_items_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_items_job_sim_idx" ON "job_items" USING btree ("job_id","sim_sid");--> statement-breakpoint
CREATE INDEX "job_items_job_status_position_idx" ON "job_items" USING btree ("job_id","status","position");--> statement-breakpoint
CREATE INDEX "job_items_job_position_idx" ON "job_items" USING btree ("job_id","position");--> statement-breakpoint
CREATE INDEX "job_items_running_lease_idx" ON "job_items" USING btree ("status","lease_until");--> statement-breakpoint
CREATE INDEX "job_items_job_finished_at_idx" ON "job_items" USING btree ("job_id","finished_at");--> statement-breakpoint
CREATE INDEX "jobs_status_created_at_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "jobs_created_at_idx" ON "jobs" USING btree ("created_at" DESC NULLS LAST);