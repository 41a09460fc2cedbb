import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { asParam, type SqlExecutor } from '@/db/job-schema';

/** pg-boss's statement as a drizzle `sql` with the same parameters, so it runs on either driver. */
export function sqlFromText(text: string, values: readonly unknown[] = []): SQL {
  const chunks = text.split(/(\$\d+)/).map((part) => {
    const placeholder = /^\$(\d+)$/.exec(part);
    return placeholder ? sql`${sql.param(asParam(values[Number(placeholder[1]) - 1]))}` : sql.raw(part);
  });
  return sql.join(chunks);
}

/**
 * pg-boss statements run on a drizzle handle — usually the caller's transaction, so a job is
 * written (or retried, or cancelled) exactly when that transaction commits. One statement each.
 */
export function executorOver(db: Db): SqlExecutor {
  return { executeSql: async (text, values) => ({ rows: rowsOf(await db.execute(sqlFromText(text, values))) }) };
}
