CREATE TABLE "portal_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_key" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "fixed" boolean;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "portal_uploads_form_idx" ON "portal_uploads" USING btree ("form_key","created_at");--> statement-breakpoint
CREATE INDEX "portal_uploads_age_idx" ON "portal_uploads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("sent_at");