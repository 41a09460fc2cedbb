CREATE TYPE "public"."assignment_mode" AS ENUM('manual', 'round_robin', 'least_loaded');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('available', 'away');--> statement-breakpoint
CREATE TABLE "agent_availability" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"status" "availability" DEFAULT 'available' NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_assignment" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"mode" "assignment_mode" DEFAULT 'manual' NOT NULL,
	"max_open_per_agent" integer DEFAULT 20 NOT NULL,
	"last_assignee_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_assignment_cap_range" CHECK ("team_assignment"."max_open_per_agent" between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "agent_availability" ADD CONSTRAINT "agent_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_assignment" ADD CONSTRAINT "team_assignment_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_assignment" ADD CONSTRAINT "team_assignment_last_assignee_id_users_id_fk" FOREIGN KEY ("last_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_availability_status_idx" ON "agent_availability" USING btree ("status");