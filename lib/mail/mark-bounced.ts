import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';

/** A Message-ID as we store it: no angle brackets, no surrounding space. */
export const bareMessageId = (id: string): string => id.trim().replace(/^<|>$/g, '');

/**
 * A bounce of our own mail arrived (lib/mail/inbound): the outbox row with that Message-ID is
 * failed, with the reason as its last error, for the admin to see (and resend). Returns whether
 * the Message-ID was ours. Call it in the ingest's transaction.
 */
export async function markBounced(tx: Db, messageId: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(outbox)
    .set({
      status: 'failed',
      failedAt: sql`now()`,
      lastError: `Bounced: ${reason}`.slice(0, 2000),
    })
    .where(eq(outbox.messageId, bareMessageId(messageId)))
    .returning({ id: outbox.id });
  return rows.length > 0;
}
