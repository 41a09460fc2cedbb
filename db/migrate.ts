import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import path from 'node:path';
import type { DbHandle } from './client';
import { installJobSchema } from './job-schema';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Any constant shared by every Cairn process: only one of them migrates at a time.
const MIGRATION_LOCK = 727_001;

/**
 * Applies the checked-in migrations, then pg-boss's own schema (jobs: db/job-schema.ts). On PostgreSQL it holds an advisory lock, so several
 * processes started together (app instances, CI jobs) never run the migrator at once.
 * The handle must have a single connection (`max: 1`) so the lock and the migration share it.
 */
export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    // PGlite is single-process and single-connection: no lock to take.
    await migratePglite(handle.db as never, { migrationsFolder });
    await installJobSchema(handle);
    return;
  }
  await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await migratePostgres(handle.db as never, { migrationsFolder });
    await installJobSchema(handle);
  } finally {
    await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
