import type { Db } from '@/db/client';
import type { Status } from '@/db/schema';
import { flushOutbox, sendOutboxMail } from '@/lib/mail/deliver';
import { autoCloseJob } from '@/lib/pipeline/auto-close';
import { remindSurveysJob } from '@/lib/surveys/remind-surveys';
import { sendSurveyJob, type SurveySendData } from '@/lib/surveys/send-survey';
import { sendCernProgress } from '@/lib/progress/progress-mail';
import { cernReminderJob } from '@/lib/progress/reminders';
import { refreshStageSpans } from '@/lib/metrics/refresh-stage-spans';
import { slaWatchJob } from '@/lib/sla/watch';
import { recomputeSlaJob, type RecomputeData } from '@/lib/sla/recompute';
import { refreshRecurringCounts } from '@/lib/problems/recurring';
import { resolveLinkedJob } from '@/lib/problems/resolve-problem';
import { qaSampleJob } from '@/lib/qa/sample';
import { refreshRollups } from '@/lib/metrics/rollup';
import { deliverWebhook, dispatchWebhookEvents, type DeliverData } from '@/lib/webhooks/deliver';
import { runImport } from '@/lib/import/run-import';
import { retentionJob } from '@/lib/retention/retention-job';
import { queueOptions, type JobName, type QueueOptions } from './queues';

/** What a job's handler gets besides its data. */
export interface JobContext {
  /** The app's database handle (not a transaction: the handler opens its own). */
  db: Db;
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** No retry follows if this run throws: record the failure for good. */
  lastAttempt: boolean;
  /** The environment the runner was started with (SMTP_URL, …); tests pass their own. */
  env: Record<string, string | undefined>;
}

export type JobHandler<T = never> = (data: T, context: JobContext) => Promise<unknown>;

/** A queue's name and options (queues.ts) with its handler. */
export interface JobDefinition extends QueueOptions {
  name: string;
  run: JobHandler<never>;
}

/**
 * The handler of every queue in queues.ts. To add a job: its options in queues.ts, its handler
 * here (beside its use cases in lib/<area>), and `enqueue(tx, name, data)` in the transaction of
 * the change that calls for it.
 */
const HANDLERS: { [N in JobName]: JobHandler<never> } = {
  'mail.send': sendOutboxMail as JobHandler<never>,
  'mail.flush': (_data, context) => flushOutbox(context),
  'tickets.auto-close': (_data, context) => autoCloseJob(context.db),
  'surveys.send': ((data: SurveySendData, context: JobContext) => sendSurveyJob(context.db, data)) as JobHandler<never>,
  'surveys.remind': (_data, context) => remindSurveysJob(context.db),
  'cern.progress': ((data: { ticketId: string; status: Status }, context) =>
    sendCernProgress(context.db, data)) as JobHandler<never>,
  'cern.update-reminders': (_data, context) => cernReminderJob(context.db),
  'metrics.stage-spans': (_data, context) => refreshStageSpans(context.db),
  'sla.watch': (_data, context) => slaWatchJob(context.db),
  'sla.recompute': ((data: RecomputeData, context: JobContext) =>
    recomputeSlaJob(context.db, data)) as JobHandler<never>,
  'problems.resolve-linked': ((data: { problemId: string }, context: JobContext) =>
    resolveLinkedJob(context.db, data)) as JobHandler<never>,
  'problems.recurring-counts': (_data, context) => refreshRecurringCounts(context.db),
  'qa.sample': (_data, context) => qaSampleJob(context.db),
  'metrics.rollup': (_data, context) => refreshRollups(context.db),
  'webhooks.dispatch': (_data, context) => dispatchWebhookEvents(context.db),
  'webhooks.deliver': ((data: DeliverData, context: JobContext) =>
    deliverWebhook(context.db, data, context)) as JobHandler<never>,
  'retention.sweep': (_data, context) => retentionJob(context.db),
  'import.run': ((data: { runId: string }, context: JobContext) =>
    runImport(context.db, data.runId)) as JobHandler<never>,
};

export const JOBS: JobDefinition[] = (Object.keys(HANDLERS) as JobName[]).map((name) => ({
  name,
  ...queueOptions(name),
  run: HANDLERS[name],
}));

/** A job of the registry by name (`npm run worker -- --once <name>`). */
export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name || job.name.endsWith(`.${name}`));
}
