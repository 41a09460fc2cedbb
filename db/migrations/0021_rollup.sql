CREATE TABLE "metric_rollup_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollup_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT 'epoch' NOT NULL,
	"rows" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollups" (
	"day" date NOT NULL,
	"gset" smallint NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"category_id" uuid,
	"channel" text,
	"priority" smallint,
	"created" integer DEFAULT 0 NOT NULL,
	"sla_met" integer DEFAULT 0 NOT NULL,
	"sla_missed" integer DEFAULT 0 NOT NULL,
	"fr_met" integer DEFAULT 0 NOT NULL,
	"fr_missed" integer DEFAULT 0 NOT NULL,
	"res_met" integer DEFAULT 0 NOT NULL,
	"res_missed" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"first_contact" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"aht_ms_sum" double precision DEFAULT 0 NOT NULL,
	"aht_business_count" integer DEFAULT 0 NOT NULL,
	"aht_business_ms_sum" double precision DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"frt_ms_sum" double precision DEFAULT 0 NOT NULL,
	"frt_business_count" integer DEFAULT 0 NOT NULL,
	"frt_business_ms_sum" double precision DEFAULT 0 NOT NULL,
	"frt_histogram" integer[] NOT NULL,
	"csat_answered" integer DEFAULT 0 NOT NULL,
	"csat_satisfied" integer DEFAULT 0 NOT NULL,
	"csat_total" integer DEFAULT 0 NOT NULL,
	"nps_answered" integer DEFAULT 0 NOT NULL,
	"promoters" integer DEFAULT 0 NOT NULL,
	"detractors" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "metric_rollups_lookup_idx" ON "metric_rollups" USING btree ("gset","team_id","assignee_id","category_id","channel","priority","day");--> statement-breakpoint
CREATE INDEX "metric_rollups_day_idx" ON "metric_rollups" USING btree ("day");