import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';

const handle = openDb({ max: 1 });
try {
  await runMigrations(handle);
  console.log(`migrations applied (${handle.kind})`);
} finally {
  await handle.close();
}
