import { openDb } from '@/db/client';
import { autoCloseResolved } from '@/lib/pipeline/auto-close';
import { getSettings } from '@/lib/settings/settings';

/**
 * `npm run jobs:auto-close [-- --days N]`: closes resolved requests whose follow-up window
 * passed (the window an admin set in /admin/settings, unless --days says otherwise). Safe to run
 * from cron on several machines at once (skip locked).
 */
const flag = process.argv.indexOf('--days');
const handle = openDb({ max: 2 });
try {
  const days = flag > 0 ? Number(process.argv[flag + 1]) : (await getSettings(handle.db)).followUpDays;
  if (!Number.isFinite(days) || days < 0) {
    console.error('--days must be a number of days ≥ 0');
    process.exitCode = 2;
  } else {
    const closed = await autoCloseResolved(handle.db, { days });
    console.log(`closed ${closed} resolved request(s) older than ${days} day(s)`);
  }
} finally {
  await handle.close();
}
