/**
 * Next.js calls `register` once when a server process starts: the background jobs (lib/jobs) run
 * inside the app unless `JOBS=off` hands them to `npm run worker`. Not awaited, so the server
 * answers while the runner connects (jobs enqueued meanwhile wait in the database).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { jobsRunInApp, startJobsInApp } = await import('@/lib/jobs/in-app');
  if (jobsRunInApp()) void startJobsInApp();
}
