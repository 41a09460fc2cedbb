import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import path from 'node:path';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** One handle type for both drivers: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  return process.env.CAIRN_DATA_DIR ?? path.join(process.cwd(), '.data', 'pglite');
}

/**
 * `DATABASE_URL` set → PostgreSQL through `postgres`; unset → embedded PGlite in ./.data.
 * `dataDir: 'memory://'` gives a throw-away PGlite (tests).
 */
export function openDb(options: { url?: string; dataDir?: string; max?: number } = {}): DbHandle {
  const url = options.url ?? (options.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) {
    // JIT off for the whole session: every query here is short, and at 1M tickets JIT spent
    // 90–140 ms compiling each dashboard query that then ran in 20–60 ms (npm run bench).
    const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: 'off' } });
    return { db: drizzlePostgres(client, { schema }) as unknown as Db, kind: 'postgres', close: () => client.end() };
  }
  // Search needs pg_trgm and btree_gin (migrations 0001, 0007 create them); PostgreSQL ships them, PGlite loads them here.
  const client = new PGlite(options.dataDir ?? defaultDataDir(), { extensions: { pg_trgm, btree_gin } });
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

const globalForDb = globalThis as unknown as { cairnDb?: DbHandle };

/** The app's one handle, kept on globalThis so dev reloads do not open a pool per change. */
export function getDb(): Db {
  globalForDb.cairnDb ??= openDb();
  return globalForDb.cairnDb.db;
}

/** Rows of a raw `db.execute(sql…)`, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
