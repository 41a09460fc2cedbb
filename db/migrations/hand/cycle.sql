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
  WHERE type IN ('created', 'opened', 'identified', 'resolved', 'reopened', 'status_changed', 'assigned', 'rule_applied');
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Every request's spans are derived again (cut by team and category) and the job fills
-- stage_cycle_rollups as it goes: one mark per request, worked off 500 at a time.
INSERT INTO stage_span_dirty (ticket_id) SELECT id FROM tickets;
