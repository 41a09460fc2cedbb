CREATE TABLE "organization_aliases" (
	"name" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "surveys_sent_idx";--> statement-breakpoint
DROP INDEX "tickets_active_counts_idx";--> statement-breakpoint
DROP INDEX "ticket_stage_spans_open_idx";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "organization_aliases" ADD CONSTRAINT "organization_aliases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_aliases_organization_idx" ON "organization_aliases" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("sent_at","answered_at","reminder_sent_at","fixed");--> statement-breakpoint
CREATE INDEX "tickets_active_counts_idx" ON "tickets" USING btree ("status","assignee_id","team_id","category_id","channel","priority","customer_id","created_at") WHERE "tickets"."status" in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "ticket_stage_spans_open_idx" ON "ticket_stage_spans" USING btree ("stage","team_id","category_id","started_at","stay_started_at") WHERE "ticket_stage_spans"."ended_at" is null;