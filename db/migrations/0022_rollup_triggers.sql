-- Custom SQL migration file, put your code below! --
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
