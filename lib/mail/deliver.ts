import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { rowsOf, type Db } from '@/db/client';
import { outbox, tickets, users } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';
import type { JobContext } from '@/lib/jobs/registry';
import { getSettings } from '@/lib/settings/settings';

/**
 * Mail that answers or reports on something automatically (RFC 3834 `Auto-Submitted`), so other
 * systems' auto-responders do not answer it back (no mail loops). Replies and resolutions are
 * written by a person.
 */
export const AUTOMATIC_KINDS: Record<string, 'auto-replied' | 'auto-generated'> = {
  acknowledgement: 'auto-replied',
  closure: 'auto-generated',
  cern_raised: 'auto-generated',
  merge_notice: 'auto-generated',
};

/**
 * nodemailer's own defaults (DNS 30 s, connect 2 min, greeting 30 s, 10 min of socket silence) let
 * one send outlive its `mail.send` job (expireInSeconds 120 in lib/jobs/queues.ts): pg-boss would
 * then start the retry while the first send still runs (the mail may go out twice), and an expired
 * last attempt never marks the row failed. Each step is bounded well inside the job's time.
 */
export const SMTP_TIMEOUTS = {
  dnsTimeout: 10_000,
  connectionTimeout: 20_000,
  greetingTimeout: 15_000,
  socketTimeout: 45_000,
} as const;

/**
 * SMTP_URL with SMTP_TIMEOUTS as query parameters (nodemailer reads options from the URL's query
 * and ignores any passed beside a URL); a timeout the URL sets itself is kept.
 */
export function smtpTransportUrl(url: string): string {
  const missing = Object.entries(SMTP_TIMEOUTS).filter(([key]) => !new RegExp(`[?&]${key}=`).test(url));
  if (missing.length === 0) return url;
  const query = missing.map(([key, value]) => `${key}=${value}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(smtpTransportUrl(url));
    transports.set(url, transport);
  }
  return transport;
}

const bracket = (id: string): string => `<${id}>`;

export type SendOutcome = 'sent' | 'kept' | 'skipped';

/**
 * The `mail.send` job: one outbox row out over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@host:587`
 * or `smtps://…`). Without SMTP_URL the row stays `queued` in the outbox, where admins read it
 * (/admin/outbox), and `mail.flush` sends it once SMTP is configured. A send that fails counts an
 * attempt and keeps the error, then throws so the job is retried with backoff; after the last
 * retry the row is `failed` (an admin may resend it). A row already sent is not sent again.
 */
export async function sendOutboxMail(
  data: { outboxId: string },
  context: JobContext,
): Promise<{ outcome: SendOutcome }> {
  const { db, env } = context;
  const [row] = await db
    .select({
      mail: outbox,
      agentName: users.name,
      ticketNumber: tickets.number,
    })
    .from(outbox)
    .leftJoin(users, eq(users.id, outbox.fromUserId))
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(eq(outbox.id, data.outboxId));
  if (!row || row.mail.status === 'sent') return { outcome: 'skipped' };
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return { outcome: 'kept' };

  const { mail } = row;
  const settings = await getSettings(db);
  const support = settings.mail.supportAddress;
  const fromName = row.agentName ? `${row.agentName} via ${settings.mail.supportName}` : settings.mail.supportName;
  const headers: Record<string, string> = {};
  if (row.ticketNumber) headers['X-Cairn-Ticket'] = `#${row.ticketNumber}`;
  const automatic = AUTOMATIC_KINDS[mail.kind];
  if (automatic) headers['Auto-Submitted'] = automatic;
  try {
    await transportFor(smtpUrl).sendMail({
      from: { name: fromName, address: support },
      replyTo: support,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.body,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.messageId ? { messageId: bracket(mail.messageId) } : {}),
      ...(mail.inReplyTo ? { inReplyTo: bracket(mail.inReplyTo) } : {}),
      ...(mail.references.length > 0 ? { references: mail.references.map(bracket) } : {}),
      headers,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: message,
        ...(context.lastAttempt ? { status: 'failed' as const, failedAt: new Date() } : {}),
      })
      .where(eq(outbox.id, mail.id));
    throw error;
  }
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: new Date(), failedAt: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, mail.id));
  return { outcome: 'sent' };
}

/**
 * The `mail.flush` job (every 10 minutes): with SMTP configured, mail still queued after 5 minutes
 * with no send job waiting — written while SMTP_URL was unset, or whose job expired — gets a new
 * `mail.send` job (an admin's cancel marks the mail failed instead: lib/jobs/admin.ts). Nothing written to the outbox is left behind.
 */
export async function flushOutbox(context: Pick<JobContext, 'db' | 'env'>): Promise<{ queued: number }> {
  if (!context.env.SMTP_URL?.trim()) return { queued: 0 };
  return context.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const stale = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select o.id from outbox o
        where o.status = 'queued' and o.created_at < now() - interval '5 minutes'
          and not exists (
            select 1 from pgboss.job j
            where j.name = 'mail.send' and j.data->>'outboxId' = o.id::text and j.state < 'completed')
        order by o.created_at
        limit 500
        for update of o skip locked`),
    );
    for (const { id } of stale) await enqueue(tx, 'mail.send', { outboxId: id });
    return { queued: stale.length };
  });
}
