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
CREATE TABLE "metric_rollup_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollup_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT 'epoch' NOT NULL,
	"rows" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollups" (
	"day" date NOT NULL,
	"gset" smallint NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"category_id" uuid,
	"channel" text,
	"priority" smallint,
	"created" integer DEFAULT 0 NOT NULL,
	"sla_met" integer DEFAULT 0 NOT NULL,
	"sla_missed" integer DEFAULT 0 NOT NULL,
	"fr_met" integer DEFAULT 0 NOT NULL,
	"fr_missed" integer DEFAULT 0 NOT NULL,
	"res_met" integer DEFAULT 0 NOT NULL,
	"res_missed" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"first_contact" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"aht_ms_sum" double precision DEFAULT 0 NOT NULL,
	"aht_business_count" integer DEFAULT 0 NOT NULL,
	"aht_business_ms_sum" double precision DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"frt_ms_sum" double precision DEFAULT 0 NOT NULL,
	"frt_business_count" integer DEFAULT 0 NOT NULL,
	"frt_business_ms_sum" double precision DEFAULT 0 NOT NULL,
	"frt_histogram" integer[] NOT NULL,
	"csat_answered" integer DEFAULT 0 NOT NULL,
	"csat_satisfied" integer DEFAULT 0 NOT NULL,
	"csat_total" integer DEFAULT 0 NOT NULL,
	"nps_answered" integer DEFAULT 0 NOT NULL,
	"promoters" integer DEFAULT 0 NOT NULL,
	"detractors" integer DEFAULT 0 NOT NULL
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
CREATE INDEX "metric_rollups_lookup_idx" ON "metric_rollups" USING btree ("gset","team_id","assignee_id","category_id","channel","priority","day");--> statement-breakpoint
CREATE INDEX "metric_rollups_day_idx" ON "metric_rollups" USING btree ("day");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_escalates_to_id_teams_id_fk" FOREIGN KEY ("escalates_to_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_sla_fr_warn_idx" ON "tickets" USING btree ("first_response_warn_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."first_response_at" is null and "tickets"."first_response_warned_at" is null and "tickets"."first_response_breached_at" is null and "tickets"."first_response_warn_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_fr_breach_idx" ON "tickets" USING btree ("first_response_due_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."first_response_at" is null and "tickets"."first_response_breached_at" is null and "tickets"."first_response_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_res_warn_idx" ON "tickets" USING btree ("resolution_warn_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."resolved_at" is null and "tickets"."resolution_warned_at" is null and "tickets"."resolution_breached_at" is null and "tickets"."resolution_warn_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_res_breach_idx" ON "tickets" USING btree ("resolution_due_at") WHERE "tickets"."status" in ('new', 'open', 'on_hold') and "tickets"."resolved_at" is null and "tickets"."resolution_breached_at" is null and "tickets"."resolution_due_at" is not null;--> statement-breakpoint
-- Dashboard rollups (lib/metrics/rollup.ts): every change that can move a figure appends the UTC
-- days it touches to metric_rollup_dirty; the rollup refresh job recomputes just those days.
-- Append-only (no unique key), so concurrent writers never wait on each other here.
CREATE FUNCTION rollup_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (t AT TIME ZONE 'UTC')::date
$$;--> statement-breakpoint
CREATE FUNCTION rollup_mark_ticket(created timestamptz, resolved timestamptz, responded timestamptz, ticket uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM (
    VALUES (rollup_day(created)), (rollup_day(resolved)), (rollup_day(responded)),
           ((SELECT rollup_day(answered_at) FROM surveys WHERE ticket_id = ticket))
  ) v(d) WHERE d IS NOT NULL
$$;--> statement-breakpoint
CREATE FUNCTION tickets_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM new_tickets t,
    LATERAL (VALUES (rollup_day(t.created_at)), (rollup_day(t.resolved_at)), (rollup_day(t.first_response_at))) v(d)
  WHERE d IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION tickets_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_mark_ticket(OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.id);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM rollup_mark_ticket(NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_rollup_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_rollup_inserted();--> statement-breakpoint
CREATE TRIGGER tickets_rollup_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.team_id, OLD.assignee_id, OLD.category_id,
         OLD.channel, OLD.priority, OLD.first_response_due_at, OLD.resolution_due_at, OLD.sla_paused_at,
         OLD.closed_at, OLD.reopen_count, OLD.public_reply_count, OLD.first_response_business_ms,
         OLD.resolution_business_ms)
    IS DISTINCT FROM
        (NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.team_id, NEW.assignee_id, NEW.category_id,
         NEW.channel, NEW.priority, NEW.first_response_due_at, NEW.resolution_due_at, NEW.sla_paused_at,
         NEW.closed_at, NEW.reopen_count, NEW.public_reply_count, NEW.first_response_business_ms,
         NEW.resolution_business_ms))
  EXECUTE FUNCTION tickets_rollup_changed();--> statement-breakpoint
CREATE TRIGGER tickets_rollup_delete AFTER DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_rollup_changed();--> statement-breakpoint
CREATE FUNCTION surveys_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.answered_at IS NOT NULL THEN
    INSERT INTO metric_rollup_dirty (day) VALUES (rollup_day(OLD.answered_at));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.answered_at IS NOT NULL THEN
    INSERT INTO metric_rollup_dirty (day) VALUES (rollup_day(NEW.answered_at));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION surveys_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day) SELECT DISTINCT rollup_day(answered_at) FROM new_surveys WHERE answered_at IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER surveys_rollup_insert AFTER INSERT ON surveys REFERENCING NEW TABLE AS new_surveys
  FOR EACH STATEMENT EXECUTE FUNCTION surveys_rollup_inserted();--> statement-breakpoint
CREATE TRIGGER surveys_rollup_delete AFTER DELETE ON surveys FOR EACH ROW EXECUTE FUNCTION surveys_rollup_changed();--> statement-breakpoint
CREATE TRIGGER surveys_rollup_update AFTER UPDATE ON surveys FOR EACH ROW
  WHEN ((OLD.answered_at, OLD.csat, OLD.nps, OLD.ticket_id) IS DISTINCT FROM (NEW.answered_at, NEW.csat, NEW.nps, NEW.ticket_id))
  EXECUTE FUNCTION surveys_rollup_changed();--> statement-breakpoint
-- A merged duplicate leaves the outcome figures of its resolution day (and its creation day's SLA).
CREATE FUNCTION links_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE l record;
BEGIN
  IF TG_OP = 'DELETE' THEN l := OLD; ELSE l := NEW; END IF;
  IF l.kind = 'merged_into' THEN
    PERFORM rollup_mark_ticket(t.created_at, t.resolved_at, t.first_response_at, t.id) FROM tickets t WHERE t.id = l.ticket_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ticket_links_rollup AFTER INSERT OR DELETE ON ticket_links FOR EACH ROW EXECUTE FUNCTION links_rollup_changed();--> statement-breakpoint
-- Targets still running when their due time passes: the refresh finds them through these.
CREATE INDEX tickets_rollup_fr_due_idx ON tickets (first_response_due_at) WHERE first_response_at IS NULL AND closed_at IS NULL;--> statement-breakpoint
CREATE INDEX tickets_rollup_res_due_idx ON tickets (resolution_due_at) WHERE resolved_at IS NULL AND closed_at IS NULL;--> statement-breakpoint
-- refreshed_at 'epoch': the first refresh builds every day (lib/metrics/rollup.ts).
INSERT INTO metric_rollup_state (id) VALUES (1);
--> statement-breakpoint
-- Dashboard drill-downs (lib/metrics/drill-down.ts): first-contact resolutions and reopened
-- tickets resolved in a range, read without visiting every resolution of the range.
CREATE INDEX tickets_fcr_resolved_idx ON tickets (resolved_at) WHERE public_reply_count = 1 AND reopen_count = 0;--> statement-breakpoint
CREATE INDEX tickets_reopened_resolved_idx ON tickets (resolved_at) WHERE reopen_count >= 1;
