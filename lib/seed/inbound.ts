import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, messages, ticketEvents, tickets } from '@/db/schema';
import { ingestEmail } from '@/lib/mail/inbound/ingest-email';

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A request that came in by e-mail, as an MTA would have posted it (signature and quote included). */
function demoEmail(at: Date): Buffer {
  return Buffer.from(
    [
      'Return-Path: <nora.lindqvist@example.com>',
      'From: Nora Lindqvist <nora.lindqvist@example.com>',
      'To: Cairn Support <support@cairn.example>',
      'Subject: Invoice PDF will not open on my phone',
      `Date: ${at.toUTCString()}`,
      'Message-ID: <demo-inbound-0001@mail.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="demo-b1"',
      '',
      '--demo-b1',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Hello,',
      '',
      'the invoice you sent me yesterday does not open on my phone: it says the file is damaged.',
      'A screenshot is attached. Could you send it again?',
      '',
      'Thanks,',
      'Nora',
      '',
      '-- ',
      'Nora Lindqvist',
      'Lindqvist Design AB | +46 8 123 45 67',
      '',
      'On Mon, 23 Nov 2026 at 09:00, Cairn Billing <billing@cairn.example> wrote:',
      '> Dear customer, your invoice is attached.',
      '',
      '--demo-b1',
      'Content-Type: image/png; name="screenshot.png"',
      'Content-Disposition: attachment; filename="screenshot.png"',
      'Content-Transfer-Encoding: base64',
      '',
      PNG_BASE64,
      '--demo-b1--',
      '',
    ].join('\r\n'),
  );
}

/**
 * The demo's e-mail: one request that came in through `ingestEmail` like any other (customer
 * created, text trimmed, the attachment checked), whose original staff can open from the ticket
 * page. Returns what it added, for the seed's summary.
 */
export async function seedInbound(
  db: Db,
  now: Date,
): Promise<{ tickets: number; customers: number; messages: number; events: number }> {
  const at = new Date(now.getTime() - 3 * 3_600_000);
  // A customer on file for a month (found by her address), so no record is younger than its request.
  await db.insert(customers).values({
    name: 'Nora Lindqvist',
    email: 'nora.lindqvist@example.com',
    preferredChannel: 'email',
    createdAt: new Date(now.getTime() - 30 * 86_400_000),
  });
  const result = await ingestEmail(db, demoEmail(at), { now: at });
  if (!result.ok || !result.data.ticketNumber) throw new Error(`demo e-mail not accepted: ${JSON.stringify(result)}`);
  const [ticket] = await db
    .select({ id: tickets.id, customerId: tickets.customerId })
    .from(tickets)
    .where(eq(tickets.number, result.data.ticketNumber));
  const id = ticket!.id;
  const [m] = await db.select({ n: count() }).from(messages).where(eq(messages.ticketId, id));
  const [e] = await db.select({ n: count() }).from(ticketEvents).where(eq(ticketEvents.ticketId, id));
  const [c] = await db.select({ n: count() }).from(customers).where(eq(customers.id, ticket!.customerId));
  return { tickets: 1, customers: Number(c?.n ?? 0), messages: Number(m?.n ?? 0), events: Number(e?.n ?? 0) };
}
