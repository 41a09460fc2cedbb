-- Custom SQL migration file, put your code below! --
-- Dashboard drill-downs (lib/metrics/drill-down.ts): first-contact resolutions and reopened
-- tickets resolved in a range, read without visiting every resolution of the range.
CREATE INDEX tickets_fcr_resolved_idx ON tickets (resolved_at) WHERE public_reply_count = 1 AND reopen_count = 0;--> statement-breakpoint
CREATE INDEX tickets_reopened_resolved_idx ON tickets (resolved_at) WHERE reopen_count >= 1;
