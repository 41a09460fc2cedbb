CREATE TYPE "public"."follow_up_kind" AS ENUM('detractor', 'call');--> statement-breakpoint
CREATE TYPE "public"."follow_up_outcome" AS ENUM('called_back', 'recovered', 'not_reachable', 'confirmed_fixed', 'reopened', 'no_answer');--> statement-breakpoint
CREATE TYPE "public"."follow_up_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TABLE "portal_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_key" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "follow_up_kind" NOT NULL,
	"ticket_id" uuid NOT NULL,
	"survey_id" uuid,
	"team_id" uuid,
	"owner_id" uuid,
	"csat" smallint,
	"nps" smallint,
	"comment" text,
	"requested_by" uuid,
	"request_note" text,
	"status" "follow_up_status" DEFAULT 'open' NOT NULL,
	"outcome" "follow_up_outcome",
	"root_cause_id" uuid,
	"note" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	CONSTRAINT "follow_ups_detractor_survey" CHECK ("follow_ups"."kind" <> 'detractor' or "follow_ups"."survey_id" is not null),
	CONSTRAINT "follow_ups_done" CHECK (("follow_ups"."status" = 'done') = ("follow_ups"."done_at" is not null and "follow_ups"."outcome" is not null)),
	CONSTRAINT "follow_ups_outcome_kind" CHECK ("follow_ups"."outcome" is null or ("follow_ups"."kind" = 'detractor') = ("follow_ups"."outcome" in ('called_back', 'recovered', 'not_reachable'))),
	CONSTRAINT "follow_ups_csat_range" CHECK ("follow_ups"."csat" between 1 and 5),
	CONSTRAINT "follow_ups_nps_range" CHECK ("follow_ups"."nps" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "root_causes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_updates" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"last_updated_at" timestamp with time zone,
	"last_status" text,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "fixed" boolean;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_root_cause_id_root_causes_id_fk" FOREIGN KEY ("root_cause_id") REFERENCES "public"."root_causes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_updates" ADD CONSTRAINT "customer_updates_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_uploads_form_idx" ON "portal_uploads" USING btree ("form_key","created_at");--> statement-breakpoint
CREATE INDEX "portal_uploads_age_idx" ON "portal_uploads" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_survey_key" ON "follow_ups" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_open_call_key" ON "follow_ups" USING btree ("ticket_id") WHERE "follow_ups"."kind" = 'call' and "follow_ups"."status" = 'open';--> statement-breakpoint
CREATE INDEX "follow_ups_queue_idx" ON "follow_ups" USING btree ("kind","status","created_at","id");--> statement-breakpoint
CREATE INDEX "follow_ups_team_queue_idx" ON "follow_ups" USING btree ("kind","team_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "follow_ups_ticket_idx" ON "follow_ups" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "follow_ups_created_idx" ON "follow_ups" USING btree ("kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "root_causes_name_key" ON "root_causes" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("sent_at");