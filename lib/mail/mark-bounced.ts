import { and, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';

/** A Message-ID as we store it: no angle brackets, no surrounding space. */
export const bareMessageId = (id: string): string => id.trim().replace(/^<|>$/g, '');

/**
 * A delivery report returned one of our mails (lib/mail/inbound): the outbox row is failed for
 * good, with the report's diagnostic as its last error (`Bounced: …`), so /admin/outbox shows why
 * the customer never got it (and the admin can resend). Call it in the ingest's transaction.
 * Returns the ids of our rows the report names (none: it is about mail we did not send); a second
 * report for an already failed mail still names it, without changing it.
 */
export async function markBounced(
  tx: Db,
  messageIds: readonly string[],
  diagnostic: string,
  now = new Date(),
): Promise<string[]> {
  const ids = [...new Set(messageIds.map(bareMessageId).filter(Boolean))];
  if (ids.length === 0) return [];
  const rows = await tx
    .update(outbox)
    .set({ status: 'failed', lastError: `Bounced: ${diagnostic}`.slice(0, 2000), failedAt: now })
    .where(and(inArray(outbox.messageId, ids), ne(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  if (rows.length > 0) return rows.map((r) => r.id);
  const known = await tx.select({ id: outbox.id }).from(outbox).where(inArray(outbox.messageId, ids));
  return known.map((r) => r.id);
}
