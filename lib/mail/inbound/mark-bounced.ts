import { and, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';

/**
 * A delivery report returned one of our mails: the outbox row is failed for good, with the
 * report's diagnostic as its last error, so /admin/outbox shows why the customer never got it.
 * Returns the ids of the rows it marked (none: the report is about mail we did not send).
 *
 * NOTE for the merge: the jobs/mail-out branch owns the outbox's delivery states and exports a
 * `markBounced` too; keep one (this signature: ids without brackets, the diagnostic).
 */
export async function markBounced(
  tx: Db,
  messageIds: string[],
  diagnostic: string,
  now = new Date(),
): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await tx
    .update(outbox)
    .set({ status: 'failed', lastError: diagnostic, failedAt: now })
    .where(and(inArray(outbox.messageId, messageIds), ne(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  if (rows.length > 0) return rows.map((r) => r.id);
  // Already failed (a second report for the same mail): still ours.
  const known = await tx.select({ id: outbox.id }).from(outbox).where(inArray(outbox.messageId, messageIds));
  return known.map((r) => r.id);
}
