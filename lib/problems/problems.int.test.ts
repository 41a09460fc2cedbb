import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { outbox, problemTickets, recurringCountedDays, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { closeTicket } from '@/lib/pipeline/close-ticket';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { getProblem, groupTickets, listProblems, unlinkTicket } from './problems';
import { detectRecurring, listRecurringIssues, refreshRecurringCounts } from './recurring';
import { countOpenLinked, RESOLVE_BATCH, resolveLinkedJob, resolveProblem } from './resolve-problem';

let handle: DbHandle;
let lead: Actor;
let agent: Actor;
let teamId: string;
let categoryId: string;
// Letters only: a lexeme with a digit is not counted as a word.
// Letters, ending in "q": no English stemmer rule ends in it, so `zap${tag}` is its own lexeme
// (a tag ending in "s", "e", "ed", "er"… was stemmed, and the rising word went unrecognised).
const tag = `${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}q`;

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  lead = await makeStaff(handle.db, 'lead', teamId);
  agent = await makeStaff(handle.db, 'agent', teamId);
});
afterAll(() => handle.close());

const failure = (result: { ok: boolean }) =>
  result as { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

/** A new request from a new customer (each its own address, so the mails can be told apart). */
async function request(subject = `Login fails ${tag}`): Promise<{ ticket: Ticket; customer: Actor }> {
  const customer = await makeCustomer(handle.db, `Customer ${tag}`);
  const ticket = must(await submitRequest(handle.db, customer, { subject, description: 'It does not work.' }));
  return { ticket, customer };
}

async function identified(): Promise<{ ticket: Ticket; customer: Actor }> {
  const { ticket, customer } = await request();
  const done = must(
    await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      categoryId,
      severity: 3,
      impact: 'single',
    }),
  );
  return { ticket: done, customer };
}

async function resolved(): Promise<{ ticket: Ticket; customer: Actor }> {
  const { ticket, customer } = await identified();
  return {
    ticket: must(
      await resolveTicket(handle.db, agent, { number: ticket.number, version: ticket.version, summary: 'Fixed.' }),
    ),
    customer,
  };
}

const resolutionMails = (ticketIds: string[]) =>
  handle.db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.ticketId, ticketIds), eq(outbox.kind, 'resolution')));

describe('recurring issues', () => {
  it('finds a rising category and a rising word, not a steady one', async () => {
    const now = new Date('2019-06-15T12:00:00Z');
    const rising = await makeTeamAndCategory(handle.db);
    const steady = await makeTeamAndCategory(handle.db);
    const customer = await makeCustomer(handle.db);
    const day = 86_400_000;
    const rows: (typeof tickets.$inferInsert)[] = [];
    const add = (n: number, daysAgo: number, subject: string, category: string | null) => {
      for (let i = 0; i < n; i++)
        rows.push({
          subject,
          description: 'x',
          channel: 'web',
          customerId: customer.customerId!,
          categoryId: category,
          createdAt: new Date(now.getTime() - daysAgo * day - i * 60_000),
        });
    };
    for (let week = 1; week <= 8; week++) {
      add(2, week * 7 + 2, `Question ${tag}`, rising.categoryId); // 2 a week …
      add(10, week * 7 + 3, `Steady ${tag}`, steady.categoryId);
      add(6, week * 7 + 4, `Regular calm${tag} matter`, null);
    }
    add(12, 1, `Question ${tag}`, rising.categoryId); // … then 12 this week
    add(10, 2, `Steady ${tag}`, steady.categoryId);
    add(6, 2, `Regular calm${tag} matter`, null);
    add(8, 3, `Scanner zap${tag} broken`, null);
    await handle.db.insert(tickets).values(rows);

    // A rerun on the same database counts every day again.
    await handle.db.delete(recurringCountedDays).where(lt(recurringCountedDays.day, '2019-12-31'));
    const { days } = await refreshRecurringCounts(handle.db, { now });
    expect(days).toBe(63);
    const report = await detectRecurring(handle.db, now);
    const keys = report.items.map((i) => `${i.kind}:${i.key}`);
    expect(keys).toContain(`category:${rising.categoryId}`);
    // Words rising on the same requests are one item ("scanner, zap…, broken").
    expect(report.items.some((i) => i.kind === 'word' && i.label.split(', ').includes(`zap${tag}`))).toBe(true);
    expect(keys).not.toContain(`category:${steady.categoryId}`);
    expect(report.items.some((i) => i.label.split(', ').includes(`calm${tag}`))).toBe(false);
    const category = report.items.find((i) => i.key === rising.categoryId)!;
    expect(category.assessment.current).toBe(12);
    expect(category.baseline).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(category.examples).toHaveLength(5);
    const word = report.items.find((i) => i.label.split(', ').includes(`zap${tag}`))!;
    expect(word.examples.length).toBe(5);
    expect(word.examples.every((e) => e.subject.includes(`zap${tag}`))).toBe(true);

    // A second run recounts only the recent days.
    expect((await refreshRecurringCounts(handle.db, { now })).days).toBe(14);
    expect(
      (await detectRecurring(handle.db, now)).items.find((i) => i.key === rising.categoryId)?.assessment.current,
    ).toBe(12);
  });
});

describe('two runs of the counting job at once', () => {
  it('both finish (no primary key collision) and the counts are right', async () => {
    const now = new Date('2018-03-15T12:00:00Z');
    const { categoryId: counted } = await makeTeamAndCategory(handle.db);
    const customer = await makeCustomer(handle.db);
    const rows = Array.from({ length: 40 }, (_, i) => ({
      subject: `Printer jam${tag} again`,
      description: 'x',
      channel: 'web' as const,
      customerId: customer.customerId!,
      categoryId: counted,
      createdAt: new Date(now.getTime() - (i % 20) * 86_400_000 - 3_600_000),
    }));
    await handle.db.insert(tickets).values(rows);
    await handle.db.delete(recurringCountedDays).where(lt(recurringCountedDays.day, '2018-12-31'));
    const runs = await Promise.allSettled([
      refreshRecurringCounts(handle.db, { now }),
      refreshRecurringCounts(handle.db, { now }),
      refreshRecurringCounts(handle.db, { now }),
    ]);
    expect(runs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const [total] = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select coalesce(sum(count), 0)::int as n from recurring_daily_counts where kind = 'category' and key = ${counted}`,
      ),
    );
    expect(total?.n).toBe(40);
  });
});

describe('problems', () => {
  it('resolves every linked open request with its summary and tells each customer, leaving finished ones alone', async () => {
    const a = await identified(); // in resolution
    const b = await request(); // never identified: the problem is its identification
    const c = await resolved(); // resolved already
    const d = await resolved();
    const closed = must(await closeTicket(handle.db, agent, { number: d.ticket.number, version: d.ticket.version }));
    const grouped = must(
      await groupTickets(handle.db, lead, {
        title: `Login outage ${tag}`,
        description: 'SSO certificate expired.',
        tickets: `#${a.ticket.number}, #${b.ticket.number} ${c.ticket.number} #${closed.number}`,
      }),
    );
    expect(grouped.created).toBe(true);
    expect(grouped.problem.cern).toMatch(/^CERN-\d{4}-\d{6}$/);
    expect(grouped.problem.ownerId).toBe(lead.userId);
    expect(grouped.linked).toHaveLength(4);
    const linkedEvents = await handle.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, a.ticket.id), eq(ticketEvents.type, 'problem_linked')));
    expect(linkedEvents[0]?.toValue).toBe(grouped.problem.cern);

    const cBefore = await loadTicket(handle.db, c.ticket.id);
    const mailsBefore = await resolutionMails([c.ticket.id, closed.id]);

    // Agents read problems but do not resolve them.
    expect(
      failure(await resolveProblem(handle.db, agent, { problemId: grouped.problem.id, version: 1, summary: 'x' })).code,
    ).toBe('forbidden');
    const done = must(
      await resolveProblem(handle.db, lead, {
        problemId: grouped.problem.id,
        version: grouped.problem.version,
        summary: 'We renewed the sign-in certificate; signing in works again.',
      }),
    );
    expect(done).toMatchObject({ resolved: 2, remaining: 0 });
    expect(done.problem.status).toBe('resolved');

    for (const { ticket, customer } of [a, b]) {
      const now = await loadTicket(handle.db, ticket.id);
      expect(now.status).toBe('resolved');
      expect(now.resolutionSummary).toBe('We renewed the sign-in certificate; signing in works again.');
      const mails = await resolutionMails([ticket.id]);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.toAddress).toBe(customer.email);
      expect(mails[0]!.body).toContain(`known problem (Login outage ${tag})`);
      const [event] = await handle.db
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.type, 'resolved')));
      expect(event?.data).toMatchObject({ problem: grouped.problem.cern, problemId: grouped.problem.id });
    }
    // Finished requests are left alone: no change, no second mail.
    expect(await loadTicket(handle.db, c.ticket.id)).toEqual(cBefore);
    expect((await loadTicket(handle.db, closed.id)).status).toBe('closed');
    expect(await resolutionMails([c.ticket.id, closed.id])).toHaveLength(mailsBefore.length);

    // Resolving again is a conflict.
    expect(
      failure(
        await resolveProblem(handle.db, lead, {
          problemId: grouped.problem.id,
          version: done.problem.version,
          summary: 'x',
        }),
      ).code,
    ).toBe('conflict');

    // A request linked after the problem was resolved is resolved at link time, and told.
    const late = await request();
    const linkedLate = must(
      await groupTickets(handle.db, lead, { problemId: grouped.problem.id, tickets: `#${late.ticket.number}` }),
    );
    expect(linkedLate.resolved).toEqual([late.ticket.number]);
    expect((await loadTicket(handle.db, late.ticket.id)).status).toBe('resolved');
    const lateMails = await resolutionMails([late.ticket.id]);
    expect(lateMails.map((m) => m.toAddress)).toEqual([late.customer.email]);

    const detail = await getProblem(handle.db, agent, grouped.problem.id);
    expect(detail.linked).toBe(5);
    expect(detail.open).toBe(0);
    const listed = (await listProblems(handle.db, agent)).find((p) => p.id === grouped.problem.id);
    expect(listed).toMatchObject({ linked: 5, open: 0, status: 'resolved' });
  });

  it('a request belongs to one problem; unlinking takes it out', async () => {
    const x = await request();
    const first = must(await groupTickets(handle.db, lead, { title: `First ${tag}`, tickets: `#${x.ticket.number}` }));
    const second = failure(
      await groupTickets(handle.db, lead, { title: `Second ${tag}`, tickets: `#${x.ticket.number}` }),
    );
    expect(second.code).toBe('conflict');
    expect(second.fieldErrors?.tickets?.[0]).toContain(first.problem.cern);
    // Linking again to the same problem changes nothing.
    expect(
      must(await groupTickets(handle.db, lead, { problemId: first.problem.id, tickets: `${x.ticket.number}` })).linked,
    ).toEqual([]);
    expect(
      failure(await groupTickets(handle.db, lead, { title: 'x', tickets: '#abc' })).fieldErrors?.tickets,
    ).toBeDefined();
    expect(failure(await groupTickets(handle.db, lead, { tickets: '' })).fieldErrors?.title).toBeDefined();
    expect(
      failure(await groupTickets(handle.db, lead, { title: 'x', tickets: '#999999999' })).fieldErrors?.tickets,
    ).toBeDefined();
    expect(failure(await groupTickets(handle.db, agent, { title: 'x' })).code).toBe('forbidden');

    must(await unlinkTicket(handle.db, lead, { problemId: first.problem.id, number: x.ticket.number }));
    expect(await handle.db.select().from(problemTickets).where(eq(problemTickets.ticketId, x.ticket.id))).toEqual([]);
    expect(
      failure(await unlinkTicket(handle.db, lead, { problemId: first.problem.id, number: x.ticket.number })).code,
    ).toBe('not_found');
    expect((await loadTicket(handle.db, x.ticket.id)).status).toBe('new');
  });

  it('customers find no problems at all', async () => {
    const { customer } = await request();
    const p = must(await groupTickets(handle.db, lead, { title: `Hidden ${tag}` }));
    await expect(getProblem(handle.db, customer, p.problem.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listProblems(handle.db, customer)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listRecurringIssues(handle.db, customer)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getProblem(handle.db, agent, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    expect(failure(await groupTickets(handle.db, customer, { title: 'x' })).code).toBe('forbidden');
  });

  it('resolves a large problem in batches: the first at once, the rest by the job', async () => {
    const many = await Promise.all(Array.from({ length: RESOLVE_BATCH + 7 }, () => request()));
    const p = must(
      await groupTickets(handle.db, lead, {
        title: `Big outage ${tag}`,
        tickets: many.map((m) => `#${m.ticket.number}`).join(' '),
      }),
    );
    const done = must(
      await resolveProblem(handle.db, lead, { problemId: p.problem.id, version: 1, summary: 'Restarted the cluster.' }),
    );
    expect(done).toMatchObject({ resolved: RESOLVE_BATCH, remaining: 7 });
    expect(await resolveLinkedJob(handle.db, { problemId: p.problem.id })).toEqual({ resolved: 7 });
    expect(await countOpenLinked(handle.db, p.problem.id)).toBe(0);
    const mails = await resolutionMails(many.map((m) => m.ticket.id));
    expect(new Set(mails.map((m) => m.toAddress))).toEqual(new Set(many.map((m) => m.customer.email)));
    expect(mails).toHaveLength(many.length);
  });
});

// The demo runs on embedded PGlite: the same statements must work there.
describe('problems on embedded PGlite', () => {
  let lite: DbHandle;
  afterAll(() => lite?.close());

  it('groups, resolves and counts as on PostgreSQL', async () => {
    lite = openDb({ dataDir: 'memory://' });
    await runMigrations(lite);
    const team = await makeTeamAndCategory(lite.db);
    const liteLead = await makeStaff(lite.db, 'lead', team.teamId);
    const customer = await makeCustomer(lite.db);
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++)
      numbers.push(
        must(await submitRequest(lite.db, customer, { subject: `Scanner jammed ${i}`, description: 'Jammed.' })).number,
      );
    const grouped = must(
      await groupTickets(lite.db, liteLead, { title: 'Scanner jams', tickets: numbers.map((n) => `#${n}`).join(' ') }),
    );
    const done = must(
      await resolveProblem(lite.db, liteLead, { problemId: grouped.problem.id, version: 1, summary: 'New firmware.' }),
    );
    expect(done).toMatchObject({ resolved: 5, remaining: 0 });
    await refreshRecurringCounts(lite.db);
    const report = await detectRecurring(lite.db, new Date());
    expect(report.items.map((i) => i.label)).toContainEqual(expect.stringContaining('jam'));
  }, 60_000);
});

describe('bad input', () => {
  it('an id of 36 dashes is "not found", not a database error', async () => {
    await expect(getProblem(handle.db, lead, '-'.repeat(36))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('unlinking a number past the integer range is a field error', async () => {
    const { problem } = must(await groupTickets(handle.db, lead, { title: `Bad input ${tag}` }));
    const result = await unlinkTicket(handle.db, lead, { problemId: problem.id, number: '99999999999' });
    expect(result).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { number: [expect.any(String)] } });
  });
});
