import { beforeShutdown, closeOnSignal, getDbHandle } from '@/db/client';
import { startJobs, type JobRunner } from './runner';

/**
 * Where the jobs run. By default inside every app process (`npm start`, `npm run demo`: nothing
 * more to run); `JOBS=off` leaves them to `npm run worker` processes (deployments that scale web
 * and workers apart). Several app instances and workers may run at once: each job runs once.
 */
export function jobsRunInApp(env: Record<string, string | undefined> = process.env): boolean {
  const value = (env.JOBS ?? '').trim().toLowerCase();
  return !['off', 'false', '0', 'no', 'worker', 'external'].includes(value);
}

const RETRY_START_MS = 30_000;
const globalForJobs = globalThis as unknown as { cairnJobs?: Promise<JobRunner | null> };

/**
 * Starts the job runner on the app's own database handle (instrumentation.ts), once per process.
 * On a signal it stops before the database closes (PGlite), so a running job finishes or is
 * handed back. If the database is out of reach at boot it tries again every 30 s.
 */
export function startJobsInApp(): Promise<JobRunner | null> {
  globalForJobs.cairnJobs ??= (async () => {
    const handle = getDbHandle();
    for (;;) {
      try {
        const runner = await startJobs(handle);
        beforeShutdown(() => runner.stop());
        // PostgreSQL: nothing else stops on a signal; PGlite's close already runs the hooks first.
        if (handle.kind === 'postgres') closeOnSignal(null);
        return runner;
      } catch (error) {
        console.error('[jobs] could not start, trying again in 30 s:', (error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, RETRY_START_MS));
      }
    }
  })();
  return globalForJobs.cairnJobs;
}
