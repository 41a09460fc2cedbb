import type { Db } from '@/db/client';
import { buildRollups } from '@/lib/metrics/rollup';

/** The dashboard's daily rollups over the demo's rows, so /dashboard shows them before the first job run. */
export async function seedRollups(db: Db, now: Date): Promise<{ rows: number }> {
  const summary = await buildRollups(db, now);
  return { rows: summary.rows };
}
