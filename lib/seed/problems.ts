import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { problems, problemTickets, ticketEvents } from '@/db/schema';
import { nextCern } from '@/lib/cern/next-cern';
import { refreshRecurringCounts } from '@/lib/problems/recurring';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How customers this week describe one cause in different words (the rising words: pay, declin, checkout). */
const RISING_SUBJECTS = [
  'Apple Pay declined at checkout',
  'Checkout declines my Apple Pay',
  'Payment declined at checkout (Apple Pay)',
  'Apple Pay keeps getting declined at checkout',
  'Declined at checkout with Apple Pay',
  'Cannot pay at checkout: declined',
  'Apple Pay payment declined on checkout page',
  'Checkout says my Apple Pay is declined',
  'Declined again at checkout, Apple Pay',
  'Apple Pay declined when I check out',
  'Checkout: Apple Pay declined twice',
  'Apple Pay not accepted at checkout, declined',
];

/**
 * Recurring issues and problems in the demo (after the stories): this week, a dozen new requests
 * from customers without a portal login describe one cause (Apple Pay declined at checkout), so
 * the recurring-issues list on /problems is not empty; an open problem groups three of them
 * (owned by the lead); a resolved problem from three weeks ago groups requests that were resolved
 * with its summary. The daily counts are filled as the job would. Returns the events inserted.
 */
export async function seedProblems(tx: Db, now: Date): Promise<{ events: number }> {
  const [lead] = rowsOf<{ id: string }>(await tx.execute(sql`select id from users where email = 'lead@demo.test'`));
  if (!lead) return { events: 0 };
  // Requests still being worked on from the last six days, of customers without a login (not the
  // demo accounts' own), those without an agent's reply first: they become this week's rising issue.
  const fresh = rowsOf<{ id: string; number: number }>(
    await tx.execute(sql`
      select t.id, t.number from tickets t
      where t.status in ('new', 'open', 'pending', 'on_hold') and t.cern is null
        and t.created_at >= ${new Date(now.getTime() - 6 * DAY).toISOString()}::timestamptz
        and not exists (select 1 from users u where u.customer_id = t.customer_id)
      order by t.public_reply_count, t.created_at desc limit ${RISING_SUBJECTS.length}`),
  );
  for (const [i, t] of fresh.entries())
    await tx.execute(sql`
      update tickets set subject = ${RISING_SUBJECTS[i]!},
        description = ${'Since this week my payment is declined at checkout whenever I use Apple Pay. My card works in other shops.'}
      where id = ${t.id}`);

  const events: (typeof ticketEvents.$inferInsert)[] = [];
  const openAt = new Date(now.getTime() - 20 * HOUR);
  const [open] = await tx
    .insert(problems)
    .values({
      cern: await nextCern(tx, openAt.getUTCFullYear()),
      title: 'Apple Pay declined at checkout',
      description:
        'Since the payment provider update this week, Apple Pay payments are declined at checkout. Cards work.',
      ownerId: lead.id,
      createdBy: lead.id,
      createdAt: openAt,
      updatedAt: openAt,
    })
    .returning();
  const grouped = fresh.slice(0, 3);
  if (grouped.length)
    await tx
      .insert(problemTickets)
      .values(grouped.map((t) => ({ ticketId: t.id, problemId: open!.id, linkedBy: lead.id, linkedAt: openAt })));
  for (const t of grouped)
    events.push({
      ticketId: t.id,
      actorUserId: lead.id,
      type: 'problem_linked',
      toValue: open!.cern,
      data: { problemId: open!.id, cern: open!.cern, title: open!.title },
      createdAt: openAt,
    });

  // Three weeks ago: a problem resolved with its summary, its requests resolved (or closed since).
  const pastAt = new Date(now.getTime() - 23 * DAY);
  const past = rowsOf<{ id: string; resolved_at: Date | string }>(
    await tx.execute(sql`
      select t.id, t.resolved_at from tickets t
      where t.status in ('resolved', 'closed') and t.resolved_at between ${pastAt.toISOString()}::timestamptz
        and ${new Date(pastAt.getTime() + 2 * DAY).toISOString()}::timestamptz
      order by t.resolved_at limit 3`),
  );
  const resolvedAt = new Date(now.getTime() - 21 * DAY);
  const [done] = await tx
    .insert(problems)
    .values({
      cern: await nextCern(tx, pastAt.getUTCFullYear()),
      title: 'Password reset mails delayed',
      description: 'Reset mails reached customers after up to an hour: the mail provider throttled us.',
      ownerId: lead.id,
      status: 'resolved',
      resolutionSummary: 'We moved password mail to a dedicated sending address; resets arrive within a minute again.',
      resolvedAt,
      resolvedBy: lead.id,
      createdBy: lead.id,
      createdAt: pastAt,
      updatedAt: resolvedAt,
      version: 2,
    })
    .returning();
  if (past.length)
    await tx
      .insert(problemTickets)
      .values(past.map((t) => ({ ticketId: t.id, problemId: done!.id, linkedBy: lead.id, linkedAt: pastAt })));
  for (const t of past)
    events.push({
      ticketId: t.id,
      actorUserId: lead.id,
      type: 'problem_linked',
      toValue: done!.cern,
      data: { problemId: done!.id, cern: done!.cern, title: done!.title },
      createdAt: new Date(Math.min(pastAt.getTime(), new Date(t.resolved_at).getTime() - HOUR)),
    });
  if (events.length) await tx.insert(ticketEvents).values(events);

  await refreshRecurringCounts(tx, { now });
  return { events: events.length };
}
