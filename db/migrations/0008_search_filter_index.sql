DROP INDEX "tickets_search_idx";--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ("status","team_id","search_vector");