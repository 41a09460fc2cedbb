import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { installJobs } from '@/lib/jobs/runner';

const handle = openDb({ max: 1, direct: true });
try {
  await runMigrations(handle);
  // pg-boss's own schema (jobs) and Cairn's queues, which pg-boss installs and upgrades itself.
  await installJobs(handle);
  console.log(`migrations applied (${handle.kind})`);
} finally {
  await handle.close();
}
