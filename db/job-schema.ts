import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type postgres from 'postgres';
import type { DbHandle } from './client';

/** pg-boss's schema: its job tables live there, created and upgraded by pg-boss (drizzle-kit ignores it). */
export const JOBS_SCHEMA = 'pgboss';

/** What pg-boss calls to run SQL (`db: { executeSql }`): text with `$n` placeholders. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * A value as node-postgres would send it (pg-boss is written for it): undefined is null, a plain
 * object is JSON (job data, queue options); arrays, dates and buffers go to the driver as they are.
 */
export function asParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  )
    return JSON.stringify(value);
  return value;
}

/**
 * pg-boss on a handle's own driver client. Statements with parameters run one at a time; pg-boss's
 * schema scripts (several statements in BEGIN … COMMIT, no parameters) as one simple query —
 * rolled back on failure on PGlite, so its one shared connection is never left in an aborted
 * transaction.
 */
export function handleExecutor(handle: DbHandle): SqlExecutor {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'pglite') {
    const lite = client as PGlite;
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) {
          const result = await lite.query<Record<string, unknown>>(text, values.map(asParam));
          return { rows: result.rows };
        }
        try {
          const results = await lite.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        } catch (error) {
          await lite.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
    };
  }
  const pg = client as postgres.Sql;
  return {
    async executeSql(text, values) {
      const rows = await pg.unsafe(text, (values ?? []).map(asParam) as never[]);
      return { rows: [...(rows as unknown as Record<string, unknown>[])] };
    },
  };
}

/**
 * Installs or upgrades pg-boss's schema with pg-boss's own scripts, which take an advisory lock:
 * processes migrating at once wait in turn, and a second creator finds it made. Queues are made by
 * the job runner (and by the first `enqueue` of a new one).
 */
export async function installJobSchema(handle: DbHandle): Promise<void> {
  const boss = new PgBoss({
    db: handleExecutor(handle),
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false, wait: true });
}
