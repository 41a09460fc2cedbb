import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, notifications, tickets, users } from '@/db/schema';
import { notifyNotifications } from '@/lib/live/channels';
import { queueMail } from '@/lib/mail/queue';
import { notificationMail } from '@/lib/mail/templates/notification';
import { findMentions } from './mentions';
import {
  excerpt,
  mayNotify,
  planNotifications,
  type EventFact,
  type PlannedNotification,
  type TicketFact,
} from './recipients';

/**
 * Turns appended ticket events into notifications (called by `appendEventsMany`, so every use
 * case is covered and none decides on its own). Set-based: a batch that can notify nobody costs
 * nothing; otherwise one query for the requests, one for the people (two more when internal
 * notes are involved), one INSERT, one NOTIFY statement and one mail per person who asked for it.
 */
export async function notifyFromEvents(tx: Db, actorUserId: string | null, events: EventFact[]): Promise<void> {
  const candidates = events.filter(mayNotify);
  if (candidates.length === 0) return;

  const ticketIds = [...new Set(candidates.map((e) => e.ticketId))];
  const noteIds = candidates.flatMap((e) =>
    e.type === 'noted' && typeof e.data?.messageId === 'string' ? [e.data.messageId] : [],
  );
  const [ticketRows, noteRows] = await Promise.all([
    tx
      .select({
        id: tickets.id,
        number: tickets.number,
        subject: tickets.subject,
        assigneeId: tickets.assigneeId,
        cern: tickets.cern,
      })
      .from(tickets)
      .where(inArray(tickets.id, ticketIds)),
    noteIds.length === 0
      ? []
      : tx
          .select({ id: messages.id, body: messages.body })
          .from(messages)
          .where(and(inArray(messages.id, noteIds), eq(messages.visibility, 'internal'))),
  ]);
  const ticketFacts = new Map<string, TicketFact>(ticketRows.map(({ id, ...t }) => [id, t]));

  // Mentions are matched against every active staff member, loaded only when a note has an `@`.
  const withAt = noteRows.filter((n) => n.body.includes('@'));
  const mentionable =
    withAt.length === 0
      ? []
      : await tx
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(and(eq(users.active, true), ne(users.role, 'customer')));
  const notes = new Map(
    withAt.map((n) => [n.id, { mentioned: findMentions(n.body, mentionable), excerpt: excerpt(n.body) }]),
  );

  const involved = new Set<string>();
  if (actorUserId) involved.add(actorUserId);
  for (const e of candidates) if (e.type === 'assigned' && e.to) involved.add(e.to);
  for (const t of ticketFacts.values()) if (t.assigneeId) involved.add(t.assigneeId);
  for (const n of notes.values()) for (const id of n.mentioned) involved.add(id);
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email, notifyByEmail: users.notifyByEmail })
    .from(users)
    .where(and(inArray(users.id, [...involved]), eq(users.active, true), ne(users.role, 'customer')));
  const staff = new Map(people.map((p) => [p.id, p]));

  const planned = planNotifications(candidates, { actorUserId, tickets: ticketFacts, staff, notes });
  await storeAndSignal(tx, actorUserId, planned, staff, ticketFacts);
}

/**
 * Notifications that no ticket event carries (a survey answered "not fixed", a detractor to call
 * back, an exception whose customer is due an update): the same row, live signal and mail as
 * event-driven ones. Inactive people and customers are skipped.
 */
export async function notifyPeople(
  tx: Db,
  actorUserId: string | null,
  planned: readonly PlannedNotification[],
): Promise<void> {
  if (planned.length === 0) return;
  const userIds = [...new Set(planned.map((p) => p.userId))];
  const ticketIds = [...new Set(planned.map((p) => p.ticketId))];
  const [people, ticketRows] = await Promise.all([
    tx
      .select({ id: users.id, name: users.name, email: users.email, notifyByEmail: users.notifyByEmail })
      .from(users)
      .where(and(inArray(users.id, userIds), eq(users.active, true), ne(users.role, 'customer'))),
    tx
      .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
      .from(tickets)
      .where(inArray(tickets.id, ticketIds)),
  ]);
  const staff = new Map(people.map((p) => [p.id, p]));
  const ticketFacts = new Map(ticketRows.map(({ id, ...t }) => [id, t]));
  await storeAndSignal(
    tx,
    actorUserId,
    planned.filter((p) => staff.has(p.userId) && p.userId !== actorUserId),
    staff,
    ticketFacts,
  );
}

async function storeAndSignal(
  tx: Db,
  actorUserId: string | null,
  planned: readonly PlannedNotification[],
  staff: ReadonlyMap<string, { name: string; email: string; notifyByEmail: boolean }>,
  ticketFacts: ReadonlyMap<string, { number: number; subject: string }>,
): Promise<void> {
  if (planned.length === 0) return;
  await tx.insert(notifications).values(planned.map((p) => ({ ...p, actorUserId })));
  const recipients = [...new Set(planned.map((p) => p.userId))];
  await notifyNotifications(tx, recipients);

  for (const userId of recipients) {
    const person = staff.get(userId);
    if (!person?.notifyByEmail) continue;
    const items = planned
      .filter((p) => p.userId === userId)
      .map((p) => {
        const t = ticketFacts.get(p.ticketId)!;
        return { number: t.number, subject: t.subject, summary: p.summary };
      });
    await queueMail(tx, {
      kind: 'notification',
      to: person.email,
      mail: notificationMail({ name: person.name, items }),
      // Not threaded into the request's mail: the customer's conversation is no place for it.
      ticketId: null,
    });
  }
}
