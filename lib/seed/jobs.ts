import { randomUUID } from 'node:crypto';
import { desc, eq, isNotNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, outbox, tickets } from '@/db/schema';
import { acknowledgementMail } from '@/lib/mail/templates/acknowledgement';
import { defaultSettings } from '@/lib/settings/settings';

/** How many of the newest requests get their acknowledgement in the demo's outbox; the newest few still wait. */
const SEEDED_MAILS = 40;
const STILL_QUEUED = 3;

/**
 * The demo's outbox: the acknowledgements of the newest requests, as the mail job would have left
 * them — sent a few seconds after each request, the newest still queued (the demo has no SMTP
 * server). No jobs: this is history.
 */
export async function seedOutbox(tx: Db, now: Date): Promise<number> {
  // The jobs of the data the seed replaced mean nothing now (pg-boss's schema comes with the migrations).
  const [jobs] = rowsOf<{ installed: boolean }>(
    await tx.execute(sql`select to_regclass('pgboss.job') is not null as installed`),
  );
  if (jobs?.installed) await tx.execute(sql`delete from pgboss.job`);
  const { mail } = defaultSettings();
  const domain = mail.supportAddress.split('@')[1] ?? 'cairn.example';
  const newest = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      cern: tickets.cern,
      createdAt: tickets.createdAt,
      name: customers.name,
      email: customers.email,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(isNotNull(customers.email))
    .orderBy(desc(tickets.createdAt))
    .limit(SEEDED_MAILS);
  const rows = newest.map((t, i) => {
    const rendered = acknowledgementMail({
      number: t.number,
      subject: t.subject,
      cern: t.cern,
      customerName: t.name,
      supportName: mail.supportName,
    });
    const sent = i >= STILL_QUEUED;
    const sentAt = new Date(Math.min(t.createdAt.getTime() + 4000, now.getTime()));
    return {
      kind: 'acknowledgement',
      ticketId: t.id,
      toAddress: t.email!,
      subject: rendered.subject,
      body: rendered.text,
      html: rendered.html,
      messageId: `cairn.${randomUUID()}@${domain}`,
      status: sent ? ('sent' as const) : ('queued' as const),
      attempts: sent ? 1 : 0,
      createdAt: t.createdAt,
      sentAt: sent ? sentAt : null,
    };
  });
  if (rows.length > 0) await tx.insert(outbox).values(rows);
  return rows.length;
}
