import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { customerErasures, customers, users } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { attachmentDir, removeStoredFile } from '@/lib/attachments/storage';

/** What the admin types to confirm; the use case checks it too (a server action is a public endpoint). */
export const ERASE_CONFIRMATION = 'ERASE';
export const ERASED_NAME = 'Erased customer';
const REDACTED = '[redacted]';
const ERASED = '[erased]';

const schema = z.object({
  customerId: z.uuid('Unknown customer.'),
  confirmation: z.string().trim(),
});

/** Words that name the person: the full name, its parts, the address and its local part, the phone. */
export function personTokens(person: { names: string[]; emails: string[]; phones: string[] }): string[] {
  const tokens = new Set<string>();
  for (const name of person.names) {
    if (name.trim().length >= 2) tokens.add(name.trim());
    for (const part of name.split(/\s+/)) if (part.length >= 3) tokens.add(part);
  }
  for (const email of person.emails) {
    tokens.add(email);
    const local = email.split('@')[0] ?? '';
    if (local.length >= 3) tokens.add(local);
  }
  for (const phone of person.phones) if (phone.replace(/\D/g, '').length >= 5) tokens.add(phone);
  // Quotes and backslashes would break the JSON text the pattern is also applied to.
  return [...tokens].filter((t) => !/["\\]/.test(t)).sort((a, b) => b.length - a.length);
}

/** One PostgreSQL regular expression matching any token, names as whole words. */
export function tokenPattern(tokens: string[]): string {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return tokens.map((t) => (/^\w.*\w$/u.test(t) && !t.includes('@') ? `\\m${escape(t)}\\M` : escape(t))).join('|');
}

/**
 * Erases a customer on a data-protection request, keeping the requests' metrics (counts, times,
 * statuses, priorities, CSAT/NPS scores) and removing the person, in one transaction:
 * the record's name, e-mail and phone are replaced; their own words (request subjects and
 * descriptions, their messages, survey comments, their inbound mail) are redacted; what others
 * wrote about them (agents' replies and notes, events, mail sent to them, notifications, the audit
 * log, follow-up notes) has their name, address and phone replaced by "[erased]"; attachments on
 * their requests are deleted; survey links stop working (new random tokens), guest links are
 * refused (lib/guest/guest-link.ts checks customer_erasures), their login is deactivated, renamed
 * and its sessions and links revoked. Irreversible. Admins only, with the typed confirmation.
 * Returns the attachment ids so the caller can remove files kept outside the database.
 */
export async function anonymizeCustomer(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ customerId: string; tickets: number; attachmentIds: string[] }>> {
  return runUseCase(db, schema, raw, async (tx, { customerId, confirmation }) => {
    requirePermission(actor, 'admin');
    if (confirmation !== ERASE_CONFIRMATION)
      fail('invalid', `Type ${ERASE_CONFIRMATION} to confirm.`, {
        confirmation: [`Type ${ERASE_CONFIRMATION} to confirm.`],
      });
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId)).for('update');
    if (!customer) fail('not_found', 'No such customer.');
    const [erased] = await tx.select().from(customerErasures).where(eq(customerErasures.customerId, customerId));
    if (erased) fail('conflict', 'This customer has already been erased.');
    const logins = await tx.select().from(users).where(eq(users.customerId, customerId));

    const tokens = personTokens({
      names: [customer.name, ...logins.map((l) => l.name)],
      emails: [customer.email, ...logins.map((l) => l.email)].filter((e): e is string => !!e),
      phones: [customer.phone].filter((p): p is string => !!p),
    });
    const pattern = tokenPattern(tokens);
    const scrub = (column: SQL) => sql`regexp_replace(${column}, ${pattern}::text, ${ERASED}::text, 'gi')`;
    const scrubJson = (column: SQL) =>
      sql`(regexp_replace(${column}::text, ${pattern}::text, ${ERASED}::text, 'gi'))::jsonb`;
    const matches = (column: SQL) => sql`${column} ~* ${pattern}::text`;
    const anonymousEmail = `erased-${customerId}@erased.invalid`;
    const emails = [customer.email, ...logins.map((l) => l.email)].filter((e): e is string => !!e);

    const ticketRows = await tx.execute(sql`select id from tickets where customer_id = ${customerId}::uuid for update`);
    const ticketIds = rowsOf<{ id: string }>(ticketRows).map((r) => r.id);
    const inTickets =
      ticketIds.length > 0
        ? sql`ticket_id in (${sql.join(
            ticketIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`;
    const ticketIdIn =
      ticketIds.length > 0
        ? sql`id in (${sql.join(
            ticketIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`;

    // The person's own words.
    await tx.execute(sql`update messages set body = ${REDACTED}
      where author_kind = 'customer' and (author_customer_id = ${customerId}::uuid or ${inTickets})`);
    await tx.execute(sql`update tickets set subject = 'Erased request', description = ${REDACTED},
      exception_details = ${scrub(sql`exception_details`)}, resolution_summary = ${scrub(sql`resolution_summary`)},
      priority_override_reason = ${scrub(sql`priority_override_reason`)}, version = version + 1 where ${ticketIdIn}`);
    await tx.execute(sql`update surveys set comment = null, token = 'erased-' || gen_random_uuid() where ${inTickets}`);
    await tx.execute(
      sql`update follow_ups set comment = null, note = ${scrub(sql`note`)}, request_note = ${scrub(sql`request_note`)} where ${inTickets}`,
    );
    await tx.execute(sql`update inbound_emails set raw = ''::bytea, from_address = null, subject = null
      where ${inTickets} or lower(from_address) in (${sql.join(emails.length > 0 ? emails.map((e) => sql`${e}`) : [sql`''`], sql`, `)})`);
    // Others' words about them.
    await tx.execute(sql`update messages set body = ${scrub(sql`body`)} where ${inTickets} and ${matches(sql`body`)}`);
    await tx.execute(sql`update ticket_events set from_value = ${scrub(sql`from_value`)}, to_value = ${scrub(sql`to_value`)},
      data = ${scrubJson(sql`data`)} where ${inTickets} and (${matches(sql`coalesce(from_value, '') || coalesce(to_value, '') || coalesce(data::text, '')`)})`);
    await tx.execute(sql`update outbox set to_address = case when lower(to_address) = any(${`{${emails.join(',')}}`}::text[]) then ${anonymousEmail} else to_address end,
      subject = ${scrub(sql`subject`)}, body = ${scrub(sql`body`)}, html = ${scrub(sql`html`)}
      where ${inTickets} or ${matches(sql`to_address`)}`);
    await tx.execute(
      sql`update notifications set summary = ${scrub(sql`summary`)} where ${inTickets} and ${matches(sql`summary`)}`,
    );
    await tx.execute(sql`update audit_log set entity_label = ${scrub(sql`entity_label`)}, before = ${scrubJson(sql`before`)}, after = ${scrubJson(sql`after`)}
      where ${matches(sql`entity_label || coalesce(before::text, '') || coalesce(after::text, '')`)}`);
    await tx.execute(
      sql`update deflections set query = ${scrub(sql`query`)}, customer_id = null where customer_id = ${customerId}::uuid`,
    );
    await tx.execute(sql`delete from search_words where ${matches(sql`word`)}`);
    await tx.execute(sql`delete from rate_limits where ${matches(sql`key`)}`);
    // What the webhooks, the public API and imports keep (issue 15): the outbox's payloads (their
    // requests' subjects are their own words), receivers' answers, stored idempotent answers and the
    // uploaded files with their reports (a finished import's file is no longer needed).
    const ownIdPattern = [customerId, ...ticketIds].join('|');
    await tx.execute(sql`update webhook_events set payload = case when ${inTickets}
        then jsonb_set(${scrubJson(sql`payload`)}, '{ticket,subject}', '"Erased request"'::jsonb, false)
        else ${scrubJson(sql`payload`)} end
      where ${inTickets} or ${matches(sql`payload::text`)}`);
    await tx.execute(sql`update webhook_attempts set response_body = null
      where delivery_id in (select d.id from webhook_deliveries d
        where d.event_id in (select id from webhook_events where ${inTickets}))`);
    await tx.execute(sql`update webhook_attempts set response_body = ${scrub(sql`response_body`)}, error = ${scrub(sql`error`)}
      where ${matches(sql`coalesce(response_body, '') || coalesce(error, '')`)}`);
    await tx.execute(sql`delete from idempotency_keys
      where ${matches(sql`coalesce(body::text, '')`)} or coalesce(body::text, '') ~ ${ownIdPattern}::text`);
    await tx.execute(sql`update import_runs set
        content = case when status in ('done', 'failed') then '' else ${scrub(sql`content`)} end,
        report = ${scrubJson(sql`report`)}, outcome = ${scrubJson(sql`outcome`)}, error = ${scrub(sql`error`)}
      where ${matches(sql`content || report::text || coalesce(outcome::text, '') || coalesce(error, '')`)}`);
    await tx.execute(sql`update import_keys set external_id = ${`erased-${customerId}`}
      where entity_id = ${customerId}::uuid and ${matches(sql`external_id`)}`);
    // Reviewers' and problem managers' words about them, and their name counted as a recurring word.
    await tx.execute(
      sql`update qa_reviews set comment = ${scrub(sql`comment`)} where ${inTickets} and ${matches(sql`comment`)}`,
    );
    await tx.execute(sql`update problems set title = ${scrub(sql`title`)}, description = ${scrub(sql`description`)},
      resolution_summary = ${scrub(sql`resolution_summary`)}
      where ${matches(sql`title || ' ' || coalesce(description, '') || ' ' || coalesce(resolution_summary, '')`)}`);
    await tx.execute(sql`delete from recurring_daily_counts where kind = 'word' and ${matches(sql`key`)}`);
    const removed = await tx.execute(sql`delete from attachments where ${inTickets} returning id`);
    const attachmentIds = rowsOf<{ id: string }>(removed).map((r) => r.id);

    // The record and the login.
    await tx
      .update(customers)
      .set({
        name: ERASED_NAME,
        email: anonymousEmail,
        phone: null,
        notes: '',
        tags: [],
        // The organization stays: it is the company's, not the person's, and a dimension of the
        // tickets' metrics (the dashboard's key accounts, issue 14); clearing it would move them.
        version: sql`${customers.version} + 1`,
      })
      .where(eq(customers.id, customerId));
    for (const login of logins) {
      await tx
        .update(users)
        .set({ active: false, name: ERASED_NAME, email: `erased-${login.id}@erased.invalid`, passwordHash: '!' })
        .where(eq(users.id, login.id));
      await tx.execute(
        sql`update sessions set revoked_at = now() where user_id = ${login.id}::uuid and revoked_at is null`,
      );
      await tx.execute(sql`update account_tokens set revoked_at = coalesce(revoked_at, now()), email = ${`erased-${login.id}@erased.invalid`}
        where user_id = ${login.id}::uuid`);
    }
    await tx.execute(sql`update account_tokens set revoked_at = coalesce(revoked_at, now()), email = ${anonymousEmail}, data = '{}'::jsonb
      where lower(email) = any(${`{${emails.join(',')}}`}::text[])`);
    await tx.insert(customerErasures).values({ customerId, erasedBy: actor.userId });
    await recordAudit(tx, actor, {
      action: 'customer.anonymized',
      entityType: 'customer',
      entityId: customerId,
      entityLabel: ERASED_NAME,
      after: { tickets: ticketIds.length, attachments: attachmentIds.length, logins: logins.length },
    });
    return { customerId, tickets: ticketIds.length, attachmentIds };
  });
}

/** anonymizeCustomer, then the deleted attachments' files when they live outside the database (ATTACHMENT_DIR). */
export async function eraseCustomer(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ customerId: string; tickets: number; attachmentIds: string[] }>> {
  const result = await anonymizeCustomer(db, actor, raw);
  const dir = attachmentDir();
  if (result.ok && dir) await Promise.all(result.data.attachmentIds.map((id) => removeStoredFile(dir, id)));
  return result;
}
