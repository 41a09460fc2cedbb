import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import {
  attachments,
  auditLog,
  customers,
  idempotencyKeys,
  importRuns,
  organizations,
  sessions,
  surveys,
  tickets,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { sendReply } from '@/lib/pipeline/send-reply';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { guestToken, ticketForGuestLink } from '@/lib/guest/guest-link';
import { searchTickets } from '@/lib/search/search-tickets';
import { loadTicket, makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { anonymizeCustomer, ERASED_NAME } from './anonymize-customer';
import { exportCustomer } from './export-customer';

let handle: DbHandle;
let admin: Actor;
let agent: Actor;
const stamp = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

/** A customer with a request, an agent's reply naming them, a resolution, a rated survey and a file. */
async function lifeOf(s: string) {
  const surname = `Quixote${s}`;
  const customer = await makeCustomer(handle.db, `Zelda ${surname}`);
  const ticket = must(
    await submitRequest(handle.db, customer, {
      subject: `Parcel for Zelda ${surname}`,
      description: `Please call me, ${customer.email}.`,
    }),
  );
  const replied = must(
    await sendReply(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      body: `Hi Zelda ${surname}, we found it.`,
      visibility: 'public',
    }),
  );
  // Resolved and rated (written directly: identification and the survey rules are not the point here).
  await handle.db
    .update(tickets)
    .set({
      status: 'resolved',
      stage: 'follow_up',
      resolvedAt: new Date(),
      resolutionSummary: `Delivered to ${surname} in person.`,
    })
    .where(eq(tickets.id, ticket.id));
  await handle.db.insert(surveys).values({
    ticketId: ticket.id,
    token: crypto.randomUUID(),
    csat: 4,
    nps: 8,
    comment: `Thanks, ${surname} here`,
    answeredAt: new Date(),
  });
  await handle.db.insert(attachments).values({
    ticketId: ticket.id,
    filename: `${surname}-receipt.pdf`,
    contentType: 'application/pdf',
    size: 4,
    data: Buffer.from('%PDF'),
    uploadedBy: customer.userId,
  });
  await handle.db.insert(sessions).values({ userId: customer.userId });
  return { customer, ticket, surname };
}

/** The tables (with the needle) where any row, read as text, contains a needle. */
async function whereIs(needles: string[]): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await handle.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`),
  );
  const found: string[] = [];
  for (const needle of needles)
    for (const { name } of tables) {
      const [row] = rowsOf<{ n: number }>(
        await handle.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text ilike ${`%${needle}%`}`,
        ),
      );
      if (row!.n > 0) found.push(`${name}: ${needle}`);
    }
  return found;
}

describe('export a customer', () => {
  it('gives admins everything about one customer as JSON, audited; others get nothing', async () => {
    const { customer, ticket, surname } = await lifeOf(stamp());
    const doc = must(await exportCustomer(handle.db, admin, { customerId: customer.customerId })).document as {
      customer: { name: string; email: string };
      logins: Record<string, unknown>[];
      tickets: {
        number: number;
        messages: { body: string }[];
        attachments: { filename: string }[];
        survey: { csat: number; comment: string };
        events: { type: string }[];
      }[];
    };
    expect(doc.customer).toMatchObject({ name: `Zelda ${surname}`, email: customer.email });
    expect(doc.logins[0]).toMatchObject({ email: customer.email, role: 'customer' });
    expect(doc.logins[0]).not.toHaveProperty('passwordHash');
    expect(doc.tickets).toHaveLength(1);
    const [t] = doc.tickets;
    expect(t!.number).toBe(ticket.number);
    expect(t!.messages.map((m) => m.body)).toContain(`Hi Zelda ${surname}, we found it.`);
    expect(t!.attachments[0]).toMatchObject({ filename: `${surname}-receipt.pdf` });
    expect(t!.attachments[0]).not.toHaveProperty('data');
    expect(t!.survey).toMatchObject({ csat: 4, comment: `Thanks, ${surname} here` });
    expect(t!.survey).not.toHaveProperty('token');
    expect(t!.events.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'replied']));
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, customer.customerId!));
    expect(audit).toMatchObject({ action: 'customer.exported', actorUserId: admin.userId });

    expect(await exportCustomer(handle.db, agent, { customerId: customer.customerId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await exportCustomer(handle.db, admin, { customerId: 'nope' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await exportCustomer(handle.db, admin, { customerId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

/** What issue 15 added that also holds the person: webhook events and answers, API answers, import files. */
async function traces(customer: { customerId: string | null; email: string }, ticketId: string, surname: string) {
  const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.ticketId, ticketId)).limit(1);
  const [sub] = await handle.db.select().from(webhookSubscriptions).limit(1);
  const [delivery] = await handle.db
    .insert(webhookDeliveries)
    .values({ subscriptionId: sub!.id, eventId: event!.id })
    .returning();
  await handle.db.insert(webhookAttempts).values({
    deliveryId: delivery!.id,
    attempt: 1,
    durationMs: 3,
    responseStatus: 200,
    responseBody: `ok ${surname}`,
  });
  await handle.db.insert(idempotencyKeys).values({
    principal: `token:${crypto.randomUUID()}`,
    key: crypto.randomUUID(),
    fingerprint: 'x',
    status: 201,
    body: { id: ticketId, customer: { id: customer.customerId, email: customer.email } },
  });
  // The recurring-words job counted their surname (a word of their subject).
  await handle.db.execute(
    sql`insert into recurring_daily_counts (kind, key, day, count) values ('word', ${surname.toLowerCase()}, current_date, 1)`,
  );
  await handle.db.insert(importRuns).values({
    source: 'zendesk',
    fileName: 'people.csv',
    format: 'csv',
    content: `name,email\nZelda ${surname},${customer.email}\n`,
    status: 'done',
    report: { rows: [{ name: `Zelda ${surname}` }] },
  });
}

describe('erase a customer', () => {
  it('also erases webhook payloads and answers, stored API answers and import files', async () => {
    const [sub] = await handle.db
      .insert(webhookSubscriptions)
      .values({
        name: 'all',
        url: 'https://hooks.example.com/x',
        events: ['ticket.created', 'ticket.replied'],
        secret: 'whsec_x',
      })
      .returning();
    try {
      const { customer, ticket, surname } = await lifeOf(stamp());
      await traces(customer, ticket.id, surname);
      const [org] = await handle.db
        .insert(organizations)
        .values({ name: `Key account ${stamp()}` })
        .returning();
      await handle.db.update(customers).set({ organizationId: org!.id }).where(eq(customers.id, customer.customerId!));
      const needles = [surname.toLowerCase(), customer.email];
      expect(await whereIs(needles)).toEqual(
        expect.arrayContaining([
          `webhook_events: ${needles[0]}`,
          `webhook_attempts: ${needles[0]}`,
          `idempotency_keys: ${customer.email}`,
          `import_runs: ${needles[0]}`,
          `recurring_daily_counts: ${needles[0]}`,
        ]),
      );
      must(await anonymizeCustomer(handle.db, admin, { customerId: customer.customerId, confirmation: 'ERASE' }));
      expect(await whereIs(needles)).toEqual([]);
      const [event] = await handle.db
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.ticketId, ticket.id))
        .limit(1);
      expect((event!.payload.ticket as { subject: string }).subject).toBe('Erased request');
      // The key-accounts figures keep the ticket: the organization is the company's, not the person's.
      const [record] = await handle.db.select().from(customers).where(eq(customers.id, customer.customerId!));
      expect(record!.organizationId).toBe(org!.id);
    } finally {
      await handle.db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, sub!.id));
    }
  });

  it('removes the person everywhere and keeps the metrics', async () => {
    const { customer, ticket, surname } = await lifeOf(stamp());
    const before = await loadTicket(handle.db, ticket.id);
    const [surveyBefore] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticket.id));

    expect(
      await anonymizeCustomer(handle.db, agent, { customerId: customer.customerId, confirmation: 'ERASE' }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await anonymizeCustomer(handle.db, admin, { customerId: customer.customerId, confirmation: 'erase it' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { confirmation: ['Type ERASE to confirm.'] },
    });
    // Before: the person is in many places (the test would prove nothing otherwise).
    expect((await whereIs([surname.toLowerCase(), customer.email])).length).toBeGreaterThan(5);
    expect(await ticketForGuestLink(handle.db, guestToken(ticket.id))).toMatchObject({ ok: true });
    const done = must(
      await anonymizeCustomer(handle.db, admin, { customerId: customer.customerId, confirmation: 'ERASE' }),
    );
    expect(done).toMatchObject({ tickets: 1 });
    expect(done.attachmentIds).toHaveLength(1);

    // Nowhere to be found: every table's rows as text, search vectors included.
    const found = await whereIs([surname.toLowerCase(), customer.email]);
    expect(found).toEqual([]);
    const search = await searchTickets(handle.db, agent, { q: surname });
    expect(search.rows.map((r) => r.number)).not.toContain(ticket.number);

    // The metrics keep their numbers.
    const after = await loadTicket(handle.db, ticket.id);
    for (const key of [
      'status',
      'stage',
      'priority',
      'channel',
      'createdAt',
      'resolvedAt',
      'firstResponseAt',
      'publicReplyCount',
      'reopenCount',
      'teamId',
      'assigneeId',
      'customerId',
    ] as const)
      expect(after[key]).toEqual(before[key]);
    const [surveyAfter] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    expect(surveyAfter).toMatchObject({
      csat: surveyBefore!.csat,
      nps: surveyBefore!.nps,
      answeredAt: surveyBefore!.answeredAt,
      comment: null,
    });
    expect(surveyAfter!.token).not.toBe(surveyBefore!.token);
    expect(await ticketForGuestLink(handle.db, guestToken(ticket.id))).toEqual({ ok: false, reason: 'unknown' });

    const [record] = await handle.db.select().from(customers).where(eq(customers.id, customer.customerId!));
    expect(record).toMatchObject({ name: ERASED_NAME, phone: null, notes: '' });
    const [login] = await handle.db.select().from(users).where(eq(users.id, customer.userId));
    expect(login).toMatchObject({ active: false, name: ERASED_NAME });
    const open = await handle.db.select().from(sessions).where(eq(sessions.userId, customer.userId));
    expect(open.every((x) => x.revokedAt !== null)).toBe(true);
    const [t] = await handle.db.select({ subject: tickets.subject }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(t!.subject).toBe('Erased request');
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, customer.customerId!));
    expect(audits.map((a) => a.action)).toContain('customer.anonymized');

    expect(
      await anonymizeCustomer(handle.db, admin, { customerId: customer.customerId, confirmation: 'ERASE' }),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });
});
