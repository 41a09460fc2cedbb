CREATE TABLE "stage_cycle_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_cycle_rollups" (
	"day" date NOT NULL,
	"stage" text NOT NULL,
	"whole" boolean NOT NULL,
	"team_id" uuid,
	"category_id" uuid,
	"stays" integer NOT NULL,
	"histogram" integer[] NOT NULL,
	CONSTRAINT "stage_cycle_rollups_stage" CHECK ("stage_cycle_rollups"."stage" in ('inquiry', 'identification', 'resolution', 'follow_up'))
);
--> statement-breakpoint
ALTER TABLE "ticket_stage_spans" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_stage_spans" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_stage_spans" ADD COLUMN "stay_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ticket_stage_spans" ADD COLUMN "last_of_stay" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "stage_cycle_rollups_day_idx" ON "stage_cycle_rollups" USING btree ("day","whole","team_id","category_id");--> statement-breakpoint
CREATE INDEX "customers_organization_idx" ON "customers" USING btree ("organization_id") WHERE "customers"."organization_id" is not null;--> statement-breakpoint
CREATE INDEX "account_tokens_expires_idx" ON "account_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "ticket_stage_spans_open_idx" ON "ticket_stage_spans" USING btree ("stage","team_id","category_id") WHERE "ticket_stage_spans"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_finished_idx" ON "webhook_deliveries" USING btree ("created_at") WHERE "webhook_deliveries"."status" <> 'pending';--> statement-breakpoint
CREATE INDEX "webhook_events_dispatched_idx" ON "webhook_events" USING btree ("created_at") WHERE "webhook_events"."dispatched_at" is not null;--> statement-breakpoint
-- Cycle time per stage on rollups (issue 14, lib/metrics/cycle-rollup.ts). Spans derived before this
-- migration were whole stays: their stay began with them.
UPDATE ticket_stage_spans SET stay_started_at = started_at WHERE stay_started_at IS NULL;
--> statement-breakpoint
-- The derivation now also reads the events that change a request's team or category
-- (OWNER_EVENT_TYPES in lib/metrics/stage-attribution.ts; lib/tickets/stage-spans-trigger.int.test.ts
-- holds this list equal to the code's).
CREATE OR REPLACE FUNCTION mark_stage_spans_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stage_span_dirty (ticket_id)
  SELECT DISTINCT ticket_id FROM new_events
  WHERE type IN ('created', 'opened', 'identified', 'resolved', 'reopened', 'status_changed', 'assigned', 'escalated', 'rule_applied');
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Every request's spans are derived again (cut by team and category) and the job fills
-- stage_cycle_rollups as it goes: one mark per request, worked off 500 at a time, a 45 s share a run.
INSERT INTO stage_span_dirty (ticket_id) SELECT id FROM tickets;
