import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { formatCern } from './format';

/**
 * Takes the next CERN for `year` from the per-year counter. Must run inside the transaction
 * that stores it on the ticket: the row lock serialises concurrent raisers, and a rollback
 * gives the number back, so the sequence has no gaps and no duplicates.
 */
export async function nextCern(tx: Db, year: number): Promise<string> {
  const result = await tx.execute(sql`
    insert into cern_counters (year, last_value) values (${year}, 1)
    on conflict (year) do update set last_value = cern_counters.last_value + 1
    returning last_value`);
  const row = rowsOf<{ last_value: number }>(result)[0];
  if (!row) throw new Error('CERN counter did not return a value');
  return formatCern(year, Number(row.last_value));
}
