import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { announcements, customerUpdates, notifications, outbox, ticketEvents, type Status } from '@/db/schema';
import { cernProgressMail } from '@/lib/mail/templates/cern-progress';
import { progressPosition, PROGRESS_STATUS_TEXT } from '@/lib/progress/outlook';
import { defaultSettings } from '@/lib/settings/settings';

const HOUR = 3_600_000;

/**
 * Known problems and exception progress in the demo (issue 13): one open announcement (card
 * payments) and one closed; on every exception, the `customer_updated` history its mails and
 * replies imply; a recent progress mail on each open exception but one, which is overdue for an
 * update and whose owner (agent@demo.test when they own one) has the reminder on the bell.
 * Runs inside the seed's transaction, after the requests; deterministic given `now`. Returns the
 * number of events it added.
 */
export async function seedProgress(tx: Db, now: Date): Promise<number> {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const people = rowsOf<{ id: string; email: string }>(
    await tx.execute(
      sql`select id, email from users where email in ('agent@demo.test', 'lead@demo.test') order by email`,
    ),
  );
  const agentId = people.find((p) => p.email === 'agent@demo.test')?.id ?? null;
  const leadId = people.find((p) => p.email === 'lead@demo.test')?.id ?? null;

  // Told when raised (the CERN mail) and by every public reply since.
  const told = await tx.execute(sql`
    insert into ticket_events (ticket_id, actor_user_id, type, to_value, data, created_at)
    select t.id, null, 'customer_updated', t.status::text, '{"via":"exception_raised"}'::jsonb, t.exception_raised_at
    from tickets t where t.cern is not null and t.exception_raised_at is not null
    union all
    select t.id, m.author_user_id, 'customer_updated', t.status::text, '{"via":"reply"}'::jsonb, m.created_at
    from tickets t join messages m on m.ticket_id = t.id
    where t.cern is not null and m.author_kind = 'agent' and m.visibility = 'public' and m.created_at > t.exception_raised_at
    returning id
  `);

  const open = rowsOf<{
    id: string;
    number: number;
    subject: string;
    cern: string;
    status: Status;
    stage: 'resolution';
    assigneeId: string | null;
    name: string;
    email: string | null;
    lastTold: Date | string;
  }>(
    await tx.execute(sql`
      select t.id, t.number, t.subject, t.cern, t.status, t.stage, t.assignee_id as "assigneeId",
             c.name, c.email,
             greatest(t.exception_raised_at, (
               select max(m.created_at) from messages m
               where m.ticket_id = t.id and m.author_kind = 'agent' and m.visibility = 'public'
             )) as "lastTold"
      from tickets t join customers c on c.id = t.customer_id
      where t.cern is not null and t.status in ('open', 'pending', 'on_hold')
      order by t.number
    `),
  );
  // The overdue one: agent@demo.test's if they own an open exception, else the oldest open one.
  const overdue = open.find((t) => t.assigneeId === agentId) ?? open[0];
  const { mail } = defaultSettings();
  const domain = mail.supportAddress.split('@')[1] ?? 'cairn.example';

  const updates: (typeof customerUpdates.$inferInsert)[] = [];
  const events: (typeof ticketEvents.$inferInsert)[] = [];
  const mails: (typeof outbox.$inferInsert)[] = [];
  open.forEach((t, i) => {
    if (t.id === overdue?.id) {
      updates.push({ ticketId: t.id, lastUpdatedAt: new Date(t.lastTold), lastStatus: t.status, remindedAt: at(1) });
      return;
    }
    // A progress mail went out some hours ago, after the last thing the customer was told.
    const sentAt = new Date(
      Math.min(at(1).getTime(), Math.max(new Date(t.lastTold).getTime() + 2 * HOUR, at(5 + 7 * i).getTime())),
    );
    updates.push({ ticketId: t.id, lastUpdatedAt: sentAt, lastStatus: t.status });
    events.push({
      ticketId: t.id,
      type: 'customer_updated',
      toValue: t.status,
      data: { via: 'progress_mail' },
      createdAt: sentAt,
    });
    if (!t.email) return;
    const rendered = cernProgressMail({
      number: t.number,
      subject: t.subject,
      cern: t.cern,
      customerName: t.name,
      supportName: mail.supportName,
      status: PROGRESS_STATUS_TEXT[t.status],
      next: progressPosition({ stage: t.stage, status: t.status }).next,
      expect: null,
    });
    mails.push({
      kind: 'cern_progress',
      ticketId: t.id,
      toAddress: t.email,
      subject: rendered.subject,
      body: rendered.text,
      html: rendered.html,
      messageId: `cairn.${randomUUID()}@${domain}`,
      status: 'sent',
      attempts: 1,
      createdAt: sentAt,
      sentAt: new Date(sentAt.getTime() + 4000),
    });
  });
  if (updates.length > 0) await tx.insert(customerUpdates).values(updates);
  if (events.length > 0) await tx.insert(ticketEvents).values(events);
  if (mails.length > 0) await tx.insert(outbox).values(mails);

  if (overdue) {
    const owner = overdue.assigneeId ?? leadId;
    const days = Math.floor((now.getTime() - new Date(overdue.lastTold).getTime()) / (24 * HOUR));
    if (owner)
      await tx.insert(notifications).values({
        userId: owner,
        ticketId: overdue.id,
        kind: 'update_due',
        summary: `${overdue.cern}: the customer has had no update for ${days} day${days === 1 ? '' : 's'}`,
        createdAt: at(1),
      });
  }

  await tx.insert(announcements).values([
    {
      title: 'Card payments are failing since 10:00; we are on it',
      body: 'Payments by card are refused at checkout. **PayPal and bank transfer work.** There is no need to write to us about it: we will post here when it is fixed.',
      ticketId: open.find((t) => t.status === 'open')?.id ?? null,
      createdBy: agentId,
      createdAt: at(2),
      updatedAt: at(2),
    },
    {
      title: 'E-mail to support was delayed by up to an hour',
      body: 'Mail sent to support this morning arrived late. Everything has been delivered since; nothing was lost.',
      createdBy: leadId,
      createdAt: at(50),
      updatedAt: at(47),
      closedAt: at(47),
      closedBy: leadId,
    },
  ]);
  return rowsOf(told).length + events.length;
}
