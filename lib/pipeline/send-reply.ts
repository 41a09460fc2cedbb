import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Message, Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { optionalText, version } from '@/lib/core/fields';
import type { Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { lockTicket } from '@/lib/tickets/store';
import { postReply } from './reply-to-ticket';
import { resolveLocked } from './resolve-ticket';
import { replySchema } from './schemas';
import { setWaitingLocked } from './set-waiting';

/** What happens to the request after the message: nothing, pending, on hold, or resolved. */
export const SEND_THEN = ['', 'pending', 'on_hold', 'resolve'] as const;
export type SendThen = (typeof SEND_THEN)[number];

export const sendReplySchema = replySchema.extend({
  then: z.enum(SEND_THEN, { error: 'Choose what happens after sending.' }).default(''),
  // A status change overwrites what the agent saw: it is checked against the version they saw.
  version: version.optional(),
  summary: optionalText(5000),
});

/**
 * "Send", "Send and set pending", "Send and resolve" …: the message and the status change in one
 * transaction, so a refused change (not identified yet, someone else's edit) sends nothing either.
 * A resolution without its own summary takes the reply as the summary.
 */
export function sendReply(db: Db, actor: Actor, raw: unknown): Promise<Result<{ message: Message; ticket: Ticket }>> {
  return runUseCase(db, sendReplySchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const locked = await lockTicket(tx, input.number, input.then ? input.version : undefined);
    const sent = await postReply(tx, actor, locked, input);
    if (input.then === '') return sent;
    const ticket =
      input.then === 'resolve'
        ? await resolveLocked(tx, actor, sent.ticket, input.summary ?? input.body)
        : await setWaitingLocked(tx, actor, sent.ticket, input.then);
    return { message: sent.message, ticket };
  });
}
