DROP INDEX "metric_rollups_lookup_idx";--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "ended_after" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD COLUMN "ended_long" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
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
CREATE INDEX tickets_backlog_span_idx ON tickets USING gist (tstzrange(created_at, CASE WHEN status IN ('resolved', 'closed') THEN greatest(coalesce(resolved_at, closed_at, created_at), created_at) END));
