import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  attachments,
  customers,
  messages,
  ticketEvents,
  ticketColumns,
  ticketLinks,
  tickets,
  ticketTags,
  type Ticket,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import {
  appendEvents,
  appendEventsMany,
  formatNumber,
  saveTicket,
  saveTickets,
  type EventInput,
} from '@/lib/tickets/store';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { mergeNoticeMail } from '@/lib/mail/templates/merge-notice';
import { runUseCase } from '@/lib/core/run-use-case';
import { ticketNumber } from '@/lib/core/fields';

const mergeSchema = z.object({ number: ticketNumber, into: ticketNumber });
const linkSchema = z.object({ number: ticketNumber, other: ticketNumber });

async function lockPair(tx: Db, a: number, b: number): Promise<[Ticket, Ticket]> {
  if (a === b)
    fail('invalid', 'Choose a different request.', {
      into: ['Choose a different request.'],
      other: ['Choose a different request.'],
    });
  // One lock order (by id) for every pair, so two merges of the same pair cannot deadlock.
  const rows = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(inArray(tickets.number, [a, b]))
    .orderBy(asc(tickets.id))
    .for('update');
  const first = rows.find((t) => t.number === a);
  const second = rows.find((t) => t.number === b);
  if (!first) fail('not_found', `Request ${formatNumber(a)} was not found.`);
  if (!second)
    fail('not_found', `Request ${formatNumber(b)} was not found.`, {
      into: [`Request ${formatNumber(b)} was not found.`],
      other: [`Request ${formatNumber(b)} was not found.`],
    });
  return [first, second];
}

/**
 * Merges a duplicate request into another from the same customer: its messages, history,
 * attachments and tags move over, the duplicate is closed with a pointer to the survivor, and the
 * customer is told which number to follow. One transaction.
 */
export function mergeTickets(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, mergeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const [duplicate, target] = await lockPair(tx, input.number, input.into);
    checkMergeable(duplicate, target);
    return mergeInto(tx, actor, [duplicate], target);
  });
}

/** Refuses a merge the rules do not allow (the same rules for one merge and for a bulk merge). */
export function checkMergeable(duplicate: Ticket, target: Ticket): void {
  if (duplicate.id === target.id)
    fail('invalid', 'Choose a different request.', { into: ['Choose a different request.'] });
  if (duplicate.customerId !== target.customerId)
    fail('unprocessable', 'Only requests from the same customer can be merged.', {
      into: ['That request belongs to another customer.'],
    });
  if (duplicate.status === 'closed')
    fail('unprocessable', `Request ${formatNumber(duplicate.number)} is closed and cannot be merged.`);
  checkMergeTarget(target);
}

/** Only an open request can take others in. */
export function checkMergeTarget(target: Ticket): void {
  if (target.status === 'closed')
    fail('unprocessable', `Request ${formatNumber(target.number)} is closed; merge into an open request.`, {
      into: ['That request is closed.'],
    });
}

/**
 * Moves everything from the duplicates (already locked and checked) onto the target, closes them
 * with a pointer, and tells the customer once. Set-based: merging ten duplicates is as many
 * statements as merging one.
 */
export async function mergeInto(tx: Db, actor: Actor, duplicates: Ticket[], target: Ticket): Promise<Ticket> {
  const ids = duplicates.map((d) => d.id);
  await tx.update(messages).set({ ticketId: target.id }).where(inArray(messages.ticketId, ids));
  await tx.update(ticketEvents).set({ ticketId: target.id }).where(inArray(ticketEvents.ticketId, ids));
  await tx.update(attachments).set({ ticketId: target.id }).where(inArray(attachments.ticketId, ids));
  await tx.execute(
    sql`insert into ${ticketTags} (ticket_id, tag) select ${target.id}, tag from ${ticketTags} where ${inArray(ticketTags.ticketId, ids)} on conflict do nothing`,
  );
  // Requests merged into a duplicate earlier now point at the survivor, so every pointer still leads somewhere open.
  await tx.execute(sql`update ${ticketLinks} l set linked_ticket_id = ${target.id}
    where l.kind = 'merged_into' and ${inArray(sql`l.linked_ticket_id`, ids)} and l.ticket_id <> ${target.id}
      and not exists (select 1 from ${ticketLinks} o where o.ticket_id = l.ticket_id and o.linked_ticket_id = ${target.id})`);
  await tx.delete(ticketLinks).where(or(inArray(ticketLinks.ticketId, ids), inArray(ticketLinks.linkedTicketId, ids)));
  await tx.insert(ticketLinks).values(
    ids.map((id) => ({
      ticketId: id,
      linkedTicketId: target.id,
      kind: 'merged_into' as const,
      createdBy: actor.userId,
    })),
  );

  const now = new Date();
  const into = formatNumber(target.number);
  await saveTickets(
    tx,
    duplicates.map((ticket) => ({
      ticket,
      patch: {
        status: 'closed' as const,
        stage: 'follow_up' as const,
        closedAt: now,
        resolutionSummary: `Merged into ${into}.`,
      },
    })),
  );
  const merged = (d: Ticket): EventInput[] => [{ type: 'merged', from: String(d.number), to: String(target.number) }];
  await appendEventsMany(
    tx,
    actor.userId,
    duplicates.map((d) => ({ ticket: d, events: merged(d) })),
  );

  const list = duplicates.map((d) => `${formatNumber(d.number)} ("${d.subject}")`).join(', ');
  const notice =
    duplicates.length === 1
      ? `Your request ${list} was about the same issue, so we merged it into ${into}. Please follow ${into} from now on.`
      : `Your requests ${list} were about the same issue, so we merged them into ${into}. Please follow ${into} from now on.`;
  await tx.insert(messages).values({
    ticketId: target.id,
    authorKind: 'system',
    body: notice,
    visibility: 'public',
    channel: 'web',
    createdAt: now,
  });
  const updated = await saveTicket(tx, target, {});
  await appendEvents(tx, target, actor.userId, duplicates.flatMap(merged));
  await mailCustomer(tx, updated, 'merge_notice', (base) => mergeNoticeMail({ ...base, notice }));
  return updated;
}

/** Links two related requests (both show the link); linking twice changes nothing. */
export function linkTickets(db: Db, actor: Actor, raw: unknown): Promise<Result<{ linked: boolean }>> {
  return runUseCase(db, linkSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const [a, b] = await lockPair(tx, input.number, input.other);
    const existing = await tx
      .select({ kind: ticketLinks.kind })
      .from(ticketLinks)
      .where(
        or(
          and(eq(ticketLinks.ticketId, a.id), eq(ticketLinks.linkedTicketId, b.id)),
          and(eq(ticketLinks.ticketId, b.id), eq(ticketLinks.linkedTicketId, a.id)),
        ),
      );
    if (existing.length > 0) return { linked: false };
    await tx
      .insert(ticketLinks)
      .values({ ticketId: a.id, linkedTicketId: b.id, kind: 'related', createdBy: actor.userId });
    await appendEvents(tx, a, actor.userId, [{ type: 'linked', to: String(b.number) }]);
    await appendEvents(tx, b, actor.userId, [{ type: 'linked', to: String(a.number) }]);
    return { linked: true };
  });
}
