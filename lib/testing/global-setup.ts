import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';

/** Migrates the integration database once before the suite. */
export default async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('Integration tests need DATABASE_URL (npm test creates a throw-away database for you).');
  const handle = openDb({ max: 1, direct: true });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
}
