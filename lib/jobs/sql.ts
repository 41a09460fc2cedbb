import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { Db } from '@/db/client';
import { asParam, type SqlExecutor } from '@/db/job-schema';

/**
 * pg-boss statements run on a drizzle handle — usually the caller's transaction, so a job is
 * written (or retried, or cancelled) exactly when that transaction commits. The statement goes to
 * the handle's own driver connection as pg-boss wrote it: its `$n` are reused within a statement
 * and must stay one parameter each (one type), which a drizzle `sql` would split apart.
 */
export function executorOver(db: Db): SqlExecutor {
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  return {
    async executeSql(text, values = []) {
      const params = values.map(asParam);
      if (typeof (client as postgres.Sql).unsafe === 'function') {
        const rows = await (client as postgres.Sql).unsafe(text, params as never[]);
        return { rows: [...(rows as unknown as Record<string, unknown>[])] };
      }
      const result = await (client as PGlite | Transaction).query<Record<string, unknown>>(text, params);
      return { rows: result.rows };
    },
  };
}
