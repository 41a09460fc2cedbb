import type { Db } from '@/db/client';
import { messageColumns, messages, type Message, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, formatNumber, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { replyMail } from '@/lib/mail/templates/reply';
import { runUseCase } from '@/lib/core/run-use-case';
import { replySchema } from './schemas';

/**
 * Resolution work: a public reply (the customer sees it, by mail too) or an internal note
 * (the customer never does). The first public reply stamps the first response time.
 * Appending a message overwrites nothing, so it needs no version check.
 */
export function replyToTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Message>> {
  return runUseCase(db, replySchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number);
    return (await postReply(tx, actor, ticket, input)).message;
  });
}

/** The reply itself, inside a caller's transaction on a locked ticket (macros use it too). */
export async function postReply(
  tx: Db,
  actor: Actor,
  ticket: Ticket,
  input: { body: string; visibility: 'public' | 'internal' },
): Promise<{ message: Message; ticket: Ticket }> {
  const isPublic = input.visibility === 'public';
  const next = nextState(ticket, isPublic ? 'agent_reply' : 'note');
  const now = new Date();

  const [message] = await tx
    .insert(messages)
    .values({
      ticketId: ticket.id,
      authorKind: 'agent',
      authorUserId: actor.userId,
      body: input.body,
      visibility: input.visibility,
      channel: 'web',
      createdAt: now,
    })
    .returning(messageColumns);
  if (!message) throw new Error('message insert returned nothing');

  const updated = await saveTicket(tx, ticket, {
    ...next,
    ...(isPublic
      ? { publicReplyCount: ticket.publicReplyCount + 1, firstResponseAt: ticket.firstResponseAt ?? now }
      : {}),
  });
  await appendEvents(tx, ticket, actor.userId, [
    { type: isPublic ? 'replied' : 'noted', to: input.visibility, data: { messageId: message.id } },
    ...stateEvents(ticket, next),
  ]);
  if (isPublic) {
    await mailCustomer(
      tx,
      ticket,
      'reply',
      (base, _settings, agent) =>
        replyMail({
          ...base,
          body: input.body,
          agentName: agent?.name ?? actor.name,
          signature: agent?.signature ?? null,
        }),
      actor.userId,
    );
  }
  return { message, ticket: updated };
}
