CREATE TABLE "stage_span_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_stage_spans" (
	"ticket_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"stage" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"duration_ms" bigint GENERATED ALWAYS AS ((extract(epoch from (ended_at - started_at)) * 1000)::bigint) STORED,
	CONSTRAINT "ticket_stage_spans_ticket_id_seq_pk" PRIMARY KEY("ticket_id","seq"),
	CONSTRAINT "ticket_stage_spans_stage" CHECK ("ticket_stage_spans"."stage" in ('inquiry', 'identification', 'resolution', 'follow_up'))
);
--> statement-breakpoint
ALTER TABLE "ticket_stage_spans" ADD CONSTRAINT "ticket_stage_spans_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_stage_spans_ended_idx" ON "ticket_stage_spans" USING btree ("ended_at","stage") WHERE "ticket_stage_spans"."ended_at" is not null;--> statement-breakpoint
-- Requests whose stage spans must be derived again (lib/metrics/stage-spans.ts, job metrics.stage-spans):
-- any event that can move a request between stages, and its creation. One statement-level trigger per
-- insert, so a bulk insert of events costs one INSERT … SELECT, not one per row.
CREATE FUNCTION mark_stage_spans_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stage_span_dirty (ticket_id)
  SELECT DISTINCT ticket_id FROM new_events
  WHERE type IN ('created', 'opened', 'identified', 'resolved', 'reopened', 'status_changed');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ticket_events_stage_spans AFTER INSERT ON ticket_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION mark_stage_spans_dirty();
