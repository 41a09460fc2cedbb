import { parseArgs } from 'node:util';
import { closeOnSignal, beforeShutdown, openDb } from '@/db/client';
import { findJob, JOBS } from '@/lib/jobs/registry';
import { installJobs, runJobOnce, startJobs } from '@/lib/jobs/runner';

/**
 * `npm run worker`: runs the background jobs (mail, auto-close, …) without serving pages — for
 * deployments that run the app with `JOBS=off`. Any number may run beside the app instances.
 * `npm run worker -- --once auto-close` runs one job's handler once, here, and exits.
 * PostgreSQL only when run beside the app: PGlite allows one process, so the demo runs its jobs in the app.
 */
const { values } = parseArgs({ options: { once: { type: 'string' } } });
const handle = openDb({ max: 4 });

if (values.once) {
  const job = findJob(values.once);
  if (!job) {
    console.error(`no job "${values.once}"; jobs: ${JOBS.map((j) => j.name).join(', ')}`);
    process.exit(2);
  }
  try {
    console.log(job.name, JSON.stringify(await runJobOnce(handle, job)));
  } finally {
    await handle.close();
  }
} else {
  await installJobs(handle);
  const runner = await startJobs(handle);
  beforeShutdown(() => runner.stop());
  closeOnSignal(handle);
  console.log(`worker running ${JOBS.map((j) => j.name).join(', ')} on ${handle.kind}; Ctrl-C stops it`);
}
