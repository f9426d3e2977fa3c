CREATE TABLE "event_sync_state" (
	"event_type" text PRIMARY KEY NOT NULL,
	"cursor_date" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_events" (
	"sid" text PRIMARY KEY NOT NULL,
	"sim_sid" text,
	"account_sid" text,
	"event_type" text,
	"event_date" timestamp with time zone NOT NULL,
	"actor_sid" text,
	"actor_type" text,
	"source" text,
	"source_ip_address" text,
	"description" text,
	"changes" jsonb NOT NULL,
	"data" jsonb,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sim_events_sim_sid_idx" ON "sim_events" USING btree ("sim_sid","event_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sim_events_event_date_idx" ON "sim_events" USING btree ("event_date" DESC NULLS LAST,"sid" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sim_events_event_type_idx" ON "sim_events" USING btree ("event_type","event_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sim_events_actor_sid_idx" ON "sim_events" USING btree ("actor_sid");