import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';

export const resendSchema = z.object({ id: z.uuid('Unknown mail.') });

/**
 * An admin sends a failed mail again (/admin/outbox): it is queued once more with a new `mail.send`
 * job (its retries start afresh); the same Message-ID, so a client that got it once shows it once.
 */
export function resendMail(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  return runUseCase(db, resendSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [mail] = await tx
      .select({ id: outbox.id, status: outbox.status, to: outbox.toAddress, subject: outbox.subject })
      .from(outbox)
      .where(eq(outbox.id, input.id))
      .for('update');
    if (!mail) fail('not_found', 'That mail does not exist.');
    if (mail.status !== 'failed') fail('conflict', `Only a failed mail can be resent; this one is ${mail.status}.`);
    await tx.update(outbox).set({ status: 'queued', failedAt: null }).where(eq(outbox.id, mail.id));
    await enqueue(tx, 'mail.send', { outboxId: mail.id });
    await recordAudit(tx, actor, {
      action: 'mail.resent',
      entityType: 'mail',
      entityId: mail.id,
      entityLabel: `${mail.subject} → ${mail.to}`,
      before: { status: 'failed' },
      after: { status: 'queued' },
    });
    return { id: mail.id };
  });
}
