CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'succeeded', 'failed', 'skipped');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'webhook_paused';--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" bigint NOT NULL,
	"response_status" integer,
	"response_body" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"status" "webhook_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"response_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"ticket_id" uuid,
	"subscription_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"created_by_id" uuid,
	"paused_at" timestamp with time zone,
	"paused_reason" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_scope" CHECK ("api_tokens"."scope" in ('read', 'write', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_erasures" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"erased_by" uuid,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_keys" (
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_keys_source_kind_external_id_pk" PRIMARY KEY("source","kind","external_id")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'checked' NOT NULL,
	"report" jsonb NOT NULL,
	"outcome" jsonb,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_runs_format" CHECK ("import_runs"."format" in ('csv', 'json')),
	CONSTRAINT "import_runs_status" CHECK ("import_runs"."status" in ('checked', 'queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
DROP INDEX "metric_rollups_lookup_idx";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "ticket_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "ended_after" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "ended_long" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_raised" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_reopened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_resolve_histogram" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_satisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_webhook_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_erasures" ADD CONSTRAINT "customer_erasures_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_erasures" ADD CONSTRAINT "customer_erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_keys" ADD CONSTRAINT "import_keys_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" USING btree ("subscription_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log_idx" ON "webhook_deliveries" USING btree ("subscription_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_events_undispatched_idx" ON "webhook_events" USING btree ("created_at") WHERE "webhook_events"."dispatched_at" is null;--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_active_idx" ON "webhook_subscriptions" USING gin ("events") WHERE "webhook_subscriptions"."paused_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_pkey_idx" ON "idempotency_keys" USING btree ("principal","key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_keys_external_idx" ON "import_keys" USING btree ("kind","external_id");--> statement-breakpoint
CREATE INDEX "import_keys_entity_idx" ON "import_keys" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "import_runs_created_idx" ON "import_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metric_rollups_lookup_idx" ON "metric_rollups" USING btree ("gset","organization_id","team_id","assignee_id","category_id","channel","priority","day");--> statement-breakpoint
-- ---- Hand-written (rollup helper, issue 14): organization dimension and the backlog series ----
-- A ticket's end day (resolution or closing) and its status and customer (organization) now move
-- rollup figures: mark the closing day too, and fire on status and customer changes.
CREATE OR REPLACE FUNCTION tickets_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM new_tickets t,
    LATERAL (VALUES (rollup_day(t.created_at)), (rollup_day(t.resolved_at)), (rollup_day(t.first_response_at)),
                    (rollup_day(t.closed_at))) v(d)
  WHERE d IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION tickets_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_mark_ticket(OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.id);
    IF OLD.closed_at IS NOT NULL THEN
      INSERT INTO metric_rollup_dirty (day) VALUES (rollup_day(OLD.closed_at));
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM rollup_mark_ticket(NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.id);
    IF NEW.closed_at IS NOT NULL AND NEW.closed_at IS DISTINCT FROM OLD.closed_at THEN
      INSERT INTO metric_rollup_dirty (day) VALUES (rollup_day(NEW.closed_at));
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER tickets_rollup_update ON tickets;--> statement-breakpoint
CREATE TRIGGER tickets_rollup_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.team_id, OLD.assignee_id, OLD.category_id,
         OLD.channel, OLD.priority, OLD.first_response_due_at, OLD.resolution_due_at, OLD.sla_paused_at,
         OLD.closed_at, OLD.reopen_count, OLD.public_reply_count, OLD.first_response_business_ms,
         OLD.resolution_business_ms, OLD.status, OLD.customer_id)
    IS DISTINCT FROM
        (NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.team_id, NEW.assignee_id, NEW.category_id,
         NEW.channel, NEW.priority, NEW.first_response_due_at, NEW.resolution_due_at, NEW.sla_paused_at,
         NEW.closed_at, NEW.reopen_count, NEW.public_reply_count, NEW.first_response_business_ms,
         NEW.resolution_business_ms, NEW.status, NEW.customer_id))
  EXECUTE FUNCTION tickets_rollup_changed();--> statement-breakpoint
-- A customer moving to another organization moves every figure of their tickets.
CREATE FUNCTION customers_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM tickets t
    LEFT JOIN surveys s ON s.ticket_id = t.id,
    LATERAL (VALUES (rollup_day(t.created_at)), (rollup_day(t.resolved_at)), (rollup_day(t.first_response_at)),
                    (rollup_day(t.closed_at)), (rollup_day(s.answered_at))) v(d)
  WHERE t.customer_id = NEW.id AND d IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER customers_rollup_update AFTER UPDATE ON customers FOR EACH ROW
  WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION customers_rollup_changed();--> statement-breakpoint
-- Tickets that left the backlog, by the moment they did (the series' long-lived ends by end day).
CREATE INDEX tickets_rollup_ended_idx ON tickets ((coalesce(resolved_at, closed_at))) WHERE status IN ('resolved', 'closed');--> statement-breakpoint
-- The grouping sets changed (six dimensions): the next refresh builds every day again.
DELETE FROM metric_rollups;--> statement-breakpoint
UPDATE metric_rollup_state SET refreshed_at = 'epoch', rows = 0;
--> statement-breakpoint
-- The backlog at the end of a past day (views filter openAt, lib/metrics/sql.ts backlogSpan): a stabbing query.
CREATE INDEX tickets_backlog_span_idx ON tickets USING gist (tstzrange(created_at, CASE WHEN status IN ('resolved', 'closed') THEN greatest(coalesce(resolved_at, closed_at, created_at), created_at) END));--> statement-breakpoint
-- ---- Hand-written (rollup helper, issue 14): exception figures on the rollups ----
-- Raising an exception (cern, exception_raised_at) now moves a rollup figure: mark its day too.
CREATE OR REPLACE FUNCTION tickets_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM new_tickets t,
    LATERAL (VALUES (rollup_day(t.created_at)), (rollup_day(t.resolved_at)), (rollup_day(t.first_response_at)),
                    (rollup_day(t.closed_at)), (rollup_day(t.exception_raised_at))) v(d)
  WHERE d IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION tickets_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_mark_ticket(OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.id);
    INSERT INTO metric_rollup_dirty (day)
    SELECT d FROM (VALUES (rollup_day(OLD.closed_at)), (rollup_day(OLD.exception_raised_at))) v(d) WHERE d IS NOT NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM rollup_mark_ticket(NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.id);
    INSERT INTO metric_rollup_dirty (day)
    SELECT d FROM (VALUES (rollup_day(NEW.closed_at)), (rollup_day(NEW.exception_raised_at))) v(d) WHERE d IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER tickets_rollup_update ON tickets;--> statement-breakpoint
CREATE TRIGGER tickets_rollup_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.created_at, OLD.resolved_at, OLD.first_response_at, OLD.team_id, OLD.assignee_id, OLD.category_id,
         OLD.channel, OLD.priority, OLD.first_response_due_at, OLD.resolution_due_at, OLD.sla_paused_at,
         OLD.closed_at, OLD.reopen_count, OLD.public_reply_count, OLD.first_response_business_ms,
         OLD.resolution_business_ms, OLD.status, OLD.customer_id, OLD.cern, OLD.exception_raised_at)
    IS DISTINCT FROM
        (NEW.created_at, NEW.resolved_at, NEW.first_response_at, NEW.team_id, NEW.assignee_id, NEW.category_id,
         NEW.channel, NEW.priority, NEW.first_response_due_at, NEW.resolution_due_at, NEW.sla_paused_at,
         NEW.closed_at, NEW.reopen_count, NEW.public_reply_count, NEW.first_response_business_ms,
         NEW.resolution_business_ms, NEW.status, NEW.customer_id, NEW.cern, NEW.exception_raised_at))
  EXECUTE FUNCTION tickets_rollup_changed();--> statement-breakpoint
CREATE OR REPLACE FUNCTION customers_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_rollup_dirty (day)
  SELECT DISTINCT d FROM tickets t
    LEFT JOIN surveys s ON s.ticket_id = t.id,
    LATERAL (VALUES (rollup_day(t.created_at)), (rollup_day(t.resolved_at)), (rollup_day(t.first_response_at)),
                    (rollup_day(t.closed_at)), (rollup_day(t.exception_raised_at)), (rollup_day(s.answered_at))) v(d)
  WHERE t.customer_id = NEW.id AND d IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
-- New columns: the next refresh builds every day again.
DELETE FROM metric_rollups;--> statement-breakpoint
UPDATE metric_rollup_state SET refreshed_at = 'epoch', rows = 0;
