CREATE TYPE "public"."assignment_mode" AS ENUM('manual', 'round_robin', 'least_loaded');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('available', 'away');--> statement-breakpoint
CREATE TYPE "public"."problem_status" AS ENUM('open', 'resolved');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'sla_warning';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'sla_breached';--> statement-breakpoint
CREATE TABLE "agent_availability" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"status" "availability" DEFAULT 'available' NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_assignment" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"mode" "assignment_mode" DEFAULT 'manual' NOT NULL,
	"max_open_per_agent" integer DEFAULT 20 NOT NULL,
	"last_assignee_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_assignment_cap_range" CHECK ("team_assignment"."max_open_per_agent" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"run_on" text DEFAULT 'created' NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"stop_processing" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_run_on" CHECK ("routing_rules"."run_on" in ('created', 'updated', 'both'))
);
--> statement-breakpoint
CREATE TABLE "problem_tickets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"problem_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cern" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" "problem_status" DEFAULT 'open' NOT NULL,
	"resolution_summary" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "problems_cern_format" CHECK ("problems"."cern" ~ '^CERN-[0-9]{4}-[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "recurring_counted_days" (
	"day" date PRIMARY KEY NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recurring_daily_counts" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "recurring_daily_counts_kind_key_day_pk" PRIMARY KEY("kind","key","day")
);
--> statement-breakpoint
CREATE TABLE "qa_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"scores" jsonb NOT NULL,
	"score" numeric(3, 2) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_reviews_score_range" CHECK ("qa_reviews"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "qa_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"week" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "tier" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "escalates_to_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_availability" ADD CONSTRAINT "agent_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_assignment" ADD CONSTRAINT "team_assignment_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_assignment" ADD CONSTRAINT "team_assignment_last_assignee_id_users_id_fk" FOREIGN KEY ("last_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_tickets" ADD CONSTRAINT "problem_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_tickets" ADD CONSTRAINT "problem_tickets_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_tickets" ADD CONSTRAINT "problem_tickets_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_sample_id_qa_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."qa_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_availability_status_idx" ON "agent_availability" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rules_name_key" ON "routing_rules" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position");--> statement-breakpoint
CREATE INDEX "problem_tickets_problem_idx" ON "problem_tickets" USING btree ("problem_id","linked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_cern_key" ON "problems" USING btree ("cern");--> statement-breakpoint
CREATE INDEX "problems_status_idx" ON "problems" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "recurring_daily_counts_day_idx" ON "recurring_daily_counts" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_criteria_name_key" ON "qa_criteria" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "qa_reviews_sample_key" ON "qa_reviews" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "qa_reviews_agent_idx" ON "qa_reviews" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_samples_week_agent_ticket_key" ON "qa_samples" USING btree ("week","agent_id","ticket_id");--> statement-breakpoint
CREATE INDEX "qa_samples_ticket_idx" ON "qa_samples" USING btree ("ticket_id");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_escalates_to_id_teams_id_fk" FOREIGN KEY ("escalates_to_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_sla_fr_warn_idx" ON "tickets" USING btree ("first_response_warn_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."first_response_at" is null and "tickets"."first_response_warned_at" is null and "tickets"."first_response_breached_at" is null and "tickets"."first_response_warn_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_fr_breach_idx" ON "tickets" USING btree ("first_response_due_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."first_response_at" is null and "tickets"."first_response_breached_at" is null and "tickets"."first_response_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_res_warn_idx" ON "tickets" USING btree ("resolution_warn_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."resolved_at" is null and "tickets"."resolution_warned_at" is null and "tickets"."resolution_breached_at" is null and "tickets"."resolution_warn_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_res_breach_idx" ON "tickets" USING btree ("resolution_due_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."resolved_at" is null and "tickets"."resolution_breached_at" is null and "tickets"."resolution_due_at" is not null;