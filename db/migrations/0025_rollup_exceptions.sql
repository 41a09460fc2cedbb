ALTER TABLE "metric_rollups" ADD COLUMN "exc_raised" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_reopened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_resolve_histogram" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_satisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "exc_csat_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
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
