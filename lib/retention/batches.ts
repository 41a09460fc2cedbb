import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';

export interface BatchOptions {
  /** Rows per DELETE (each in its own short transaction). */
  batch?: number;
  /** Longest a single DELETE may run before PostgreSQL cancels it (the job then fails and is retried). */
  statementTimeoutMs?: number;
}

export const RETENTION_BATCH = 1000;
export const RETENTION_STATEMENT_TIMEOUT_MS = 5000;

/**
 * Runs `deleteSome(limit)` — a DELETE … RETURNING of at most `limit` rows — until it deletes fewer
 * than a batch: one transaction per batch with `statement_timeout` set locally, so a backlog of
 * months is cleared in many short statements that never hold locks for long or stall the table.
 * Returns the rows deleted.
 */
export async function deleteInBatches(
  db: Db,
  deleteSome: (limit: number) => SQL,
  options: BatchOptions = {},
): Promise<number> {
  const batch = options.batch ?? RETENTION_BATCH;
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs ?? RETENTION_STATEMENT_TIMEOUT_MS));
  let total = 0;
  for (;;) {
    const deleted = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${timeout}`));
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(sql`with gone as (${deleteSome(batch)}) select count(*)::int as n from gone`),
      );
      return row?.n ?? 0;
    });
    total += deleted;
    if (deleted < batch) return total;
  }
}
