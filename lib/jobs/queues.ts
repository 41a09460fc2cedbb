/**
 * Every job queue Cairn runs and how its jobs are retried (the handlers are in registry.ts; this
 * file has no imports, so anything may enqueue without pulling the handlers in).
 *
 * A handler that throws is retried after `retryDelay` seconds, doubling each time
 * (`retryBackoff`), up to `retryLimit` retries; then the job is kept as failed with its last error
 * (/admin/jobs shows it, an admin may retry it). A run longer than `expireInSeconds` counts as a
 * failure (the job of an instance that died is retried elsewhere).
 */
export interface QueueOptions {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  /** Cron (UTC) for a job started on a schedule; one instance sends each run. */
  schedule?: string;
  /** Workers per app instance (jobs of one queue running at once in one process). */
  concurrency?: number;
}

export const QUEUES = {
  /** Delivers one outbox row over SMTP (lib/mail/deliver.ts). 30 s, 1, 2, 4, 8 min: ~15 min in all. */
  'mail.send': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
  /** Queues a send for mail left in the outbox (SMTP configured after it was written). */
  'mail.flush': { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300, schedule: '*/10 * * * *' },
  /** Closes resolved requests past the follow-up window (lib/pipeline/auto-close.ts). */
  'tickets.auto-close': {
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 900,
    schedule: '*/15 * * * *',
  },
  /** Sends one request's satisfaction survey after the survey rules' delay (lib/surveys/send-survey.ts). */
  'surveys.send': { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 120 },
  /** Sends the one reminder of unanswered surveys (lib/surveys/remind-surveys.ts). */
  'surveys.remind': {
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 900,
    schedule: '20 * * * *',
  },
  /** Mails an exception's customer its new status once changes settle (lib/progress/progress-mail.ts). */
  'cern.progress': { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  /** Reminds owners of exceptions whose customer has had no update for N days (lib/progress/reminders.ts). */
  'cern.update-reminders': {
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
    schedule: '7 * * * *',
  },
  /** Derives the stage spans (cycle time per stage) of requests whose events changed (lib/metrics/refresh-stage-spans.ts). */
  'metrics.stage-spans': {
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 600,
    schedule: '* * * * *',
  },
  /** SLA warnings, breaches and escalation on breach, every minute (lib/sla/watch.ts). */
  'sla.watch': { retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 300, schedule: '* * * * *' },
  /** Recomputes open requests' SLA due times after a policy or calendar change (lib/sla/recompute.ts). */
  'sla.recompute': { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 },
  /** Resolves the rest of a resolved problem's linked requests, a batch per transaction (lib/problems). */
  'problems.resolve-linked': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 },
  /** Counts requests per day by category and subject word for the recurring-issues list (lib/problems). */
  'problems.recurring-counts': {
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 600,
    schedule: '*/10 * * * *',
  },
  /** Draws last week's quality review sample, Monday 06:00 UTC (lib/qa/sample.ts). */
  'qa.sample': { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 600, schedule: '0 6 * * 1' },
  /** Recomputes the dashboard rollups of the days changed since the last run (lib/metrics/rollup.ts). */
  'metrics.rollup': { retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 600, schedule: '* * * * *' },
  /** Fans webhook events out to their subscriptions, one `webhooks.deliver` each (lib/webhooks/deliver.ts); every minute as a safety net. */
  'webhooks.dispatch': {
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
    schedule: '* * * * *',
  },
  /** One signed POST of one webhook delivery; its own backoff schedules the next attempt (lib/webhooks/policy.ts). */
  'webhooks.deliver': { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 60, concurrency: 4 },
  /** Forgets the old webhook delivery log, expired Idempotency-Keys and account links, in batches (lib/retention). */
  'retention.sweep': {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 1800,
    schedule: '41 * * * *',
  },
  /** Imports a checked file (lib/import/run-import.ts); idempotent, so a retry creates nothing twice. */
  'import.run': { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
} as const satisfies Record<string, QueueOptions>;

export type JobName = keyof typeof QUEUES;

export const JOB_NAMES = Object.keys(QUEUES) as JobName[];

/** The options of a queue; unknown names (tests) get a modest default. */
export function queueOptions(name: string): QueueOptions {
  return (
    (QUEUES as Record<string, QueueOptions>)[name] ?? {
      retryLimit: 2,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: 300,
    }
  );
}
