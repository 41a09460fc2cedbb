import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';

/**
 * A throw-away, migrated database beside the suite's (same server as DATABASE_URL), for a test that seeds
 * the demo or the bulk data: those seeds empty their database first, and what they leave behind
 * (SLA policies, routing rules, settings) must not reach the test files that run after them.
 */
export interface ScratchDatabase {
  handle: DbHandle;
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(prefix: string, options: { max?: number } = {}): Promise<ScratchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('scratchDatabase needs DATABASE_URL');
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  // Migrated on one connection (the migrator's lock and transaction need a session of their own).
  const migrator = openDb({ url, max: 1 });
  try {
    await runMigrations(migrator);
  } finally {
    await migrator.close();
  }
  const handle = openDb({ url, max: options.max ?? 1 });
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}
