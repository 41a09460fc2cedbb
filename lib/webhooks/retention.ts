import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deleteInBatches, type BatchOptions } from '@/lib/retention/batches';

/**
 * Forgets the delivery log older than `days` (the admin's setting, /admin/settings): first the
 * finished deliveries (succeeded, failed for good, skipped) whose last attempt is that old, with
 * their attempts (ON DELETE CASCADE); then the dispatched events that have no delivery left. A
 * pending delivery — waiting for its next retry — is never touched, nor its event or its attempts;
 * an event not yet dispatched neither. Rows a delivery job holds are skipped (SKIP LOCKED), not
 * waited for.
 */
export async function pruneWebhookLog(
  db: Db,
  days: number,
  options: BatchOptions = {},
): Promise<{ deliveries: number; events: number }> {
  const cutoff = sql`now() - make_interval(days => ${days}::int)`;
  const deliveries = await deleteInBatches(
    db,
    (limit) => sql`
      delete from webhook_deliveries where id in (
        select id from webhook_deliveries
        where status <> 'pending' and created_at < ${cutoff}
          and coalesce(last_attempt_at, created_at) < ${cutoff}
        limit ${limit} for update skip locked)
      returning 1`,
    options,
  );
  const events = await deleteInBatches(
    db,
    (limit) => sql`
      delete from webhook_events where id in (
        select e.id from webhook_events e
        where e.dispatched_at is not null and e.created_at < ${cutoff}
          and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)
        limit ${limit} for update skip locked)
      returning 1`,
    options,
  );
  return { deliveries, events };
}
