CREATE TABLE "customer_updates" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"last_updated_at" timestamp with time zone,
	"last_status" text,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "customer_updates" ADD CONSTRAINT "customer_updates_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;