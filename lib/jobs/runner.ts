import PgBoss from 'pg-boss';
import { databaseUrls, type DbHandle } from '@/db/client';
import { handleExecutor, JOBS_SCHEMA } from '@/db/job-schema';
import { JOBS, type JobDefinition } from './registry';

export interface RunnerOptions {
  /** Jobs to run; the registry by default (tests add their own). */
  jobs?: readonly JobDefinition[];
  /** Start scheduled jobs (cron) from this instance; default true. */
  schedule?: boolean;
  /** How often an idle worker looks for work; default 2 s. */
  pollingIntervalSeconds?: number;
  /** The environment handed to handlers (SMTP_URL, …); default process.env. */
  env?: Record<string, string | undefined>;
  /** Run pg-boss's maintenance (expiry, archive, cleanup) from this instance; default true. */
  supervise?: boolean;
}

export interface JobRunner {
  boss: PgBoss;
  /** Lets running jobs finish (up to `timeoutMs`), fetches no more, and lets go of the database. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * pg-boss on the app's database. PostgreSQL: its own small pool (its schema scripts run several
 * statements at once, which the app's driver does not). PGlite: the app's one PGlite, shared.
 */
function bossOn(handle: DbHandle, options: RunnerOptions & { workers: boolean }): PgBoss {
  const connection: PgBoss.ConstructorOptions =
    handle.kind === 'pglite'
      ? { db: handleExecutor(handle) }
      : // Straight to PostgreSQL (DATABASE_DIRECT_URL when DATABASE_URL is a transaction pooler).
        { connectionString: databaseUrls().direct, max: 3, application_name: 'cairn-jobs' };
  if (handle.kind === 'postgres' && !databaseUrls().direct) throw new Error('the job runner needs DATABASE_URL');
  const boss = new PgBoss({
    ...connection,
    schema: JOBS_SCHEMA,
    // pg-boss creates or upgrades its schema under an advisory lock: instances starting together wait in turn.
    migrate: true,
    supervise: options.workers && (options.supervise ?? true),
    schedule: options.workers && (options.schedule ?? true),
    // Completed jobs stay listed a day; failed ones (with their last error) 30 days.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    deleteAfterDays: 30,
  });
  boss.on('error', (error) => console.error('[jobs]', error.message));
  return boss;
}

async function setUpQueues(boss: PgBoss, jobs: readonly JobDefinition[], schedule: boolean): Promise<void> {
  for (const job of jobs) {
    const own: PgBoss.Queue = {
      name: job.name,
      policy: 'standard',
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelay,
      retryBackoff: job.retryBackoff,
      expireInSeconds: job.expireInSeconds,
    };
    await boss.createQueue(job.name, own);
    // An existing queue takes the options of the code that runs it now.
    await boss.updateQueue(job.name, own);
    if (schedule && job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
  }
}

/**
 * Creates every queue with its options (pg-boss's schema comes with the migrations), then lets go:
 * run by `npm run db:migrate`, the seed and the demo, so queues exist before any runner starts.
 */
export async function installJobs(handle: DbHandle, jobs: readonly JobDefinition[] = JOBS): Promise<void> {
  const boss = bossOn(handle, { workers: false });
  await boss.start();
  try {
    await setUpQueues(boss, jobs, false);
  } finally {
    await boss.stop({ graceful: false, close: true, wait: true });
  }
}

/**
 * Starts the workers: one pg-boss per process, polling each queue; a job is taken by exactly one
 * worker across every instance (`FOR UPDATE SKIP LOCKED`). A handler's throw is a failure that
 * pg-boss retries with backoff; its message is kept as the job's last error.
 */
export async function startJobs(handle: DbHandle, options: RunnerOptions = {}): Promise<JobRunner> {
  const jobs = options.jobs ?? JOBS;
  const schedule = options.schedule ?? true;
  const env = options.env ?? process.env;
  const boss = bossOn(handle, { ...options, workers: true });
  await boss.start();
  try {
    await workOn(boss, jobs, schedule, options, handle, env);
  } catch (error) {
    // Started but not set up (the database went away, a bad queue): let go of its pool and timers,
    // or each of startJobsInApp's retries would leave one more pg-boss running behind.
    await boss.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    boss,
    stop: (timeoutMs = 10_000) =>
      (stopping ??= boss
        .stop({ graceful: true, timeout: timeoutMs, close: true, wait: true })
        .catch((error: unknown) => console.error('[jobs] stop', error))),
  };
}

async function workOn(
  boss: PgBoss,
  jobs: readonly JobDefinition[],
  schedule: boolean,
  options: RunnerOptions,
  handle: DbHandle,
  env: Record<string, string | undefined>,
): Promise<void> {
  await setUpQueues(boss, jobs, schedule);
  for (const job of jobs) {
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      const workerId: string = await boss.work<object>(
        job.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([item]) => {
          if (!item) return;
          const result = await job.run(item.data as never, {
            db: handle.db,
            jobId: item.id,
            attempt: item.retryCount + 1,
            lastAttempt: item.retryCount >= item.retryLimit,
            env,
          });
          // A job was there: look for the next at once instead of after the polling interval.
          boss.notifyWorker(workerId);
          return result;
        },
      );
    }
  }
}

/** Runs one registered job's handler once, here and now (`npm run worker -- --once auto-close`). */
export async function runJobOnce(handle: DbHandle, job: JobDefinition, data: object = {}): Promise<unknown> {
  return job.run(data as never, { db: handle.db, jobId: 'once', attempt: 1, lastAttempt: true, env: process.env });
}
