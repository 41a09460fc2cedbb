import { openDb } from '@/db/client';
import { autoCloseResolved, DEFAULT_FOLLOW_UP_DAYS } from '@/lib/pipeline/auto-close';

/**
 * `npm run jobs:auto-close [-- --days N]`: closes resolved requests whose follow-up window
 * passed. Safe to run from cron on several machines at once (skip locked).
 */
const flag = process.argv.indexOf('--days');
const days = flag > 0 ? Number(process.argv[flag + 1]) : Number(process.env.FOLLOW_UP_DAYS ?? DEFAULT_FOLLOW_UP_DAYS);
if (!Number.isFinite(days) || days < 0) {
  console.error('--days must be a number of days ≥ 0');
  process.exit(2);
}
const handle = openDb({ max: 2 });
try {
  const closed = await autoCloseResolved(handle.db, { days });
  console.log(`closed ${closed} resolved request(s) older than ${days} day(s)`);
} finally {
  await handle.close();
}
