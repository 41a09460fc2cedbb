ALTER TABLE "surveys" ADD COLUMN "fixed" boolean;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("sent_at");