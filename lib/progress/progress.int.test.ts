import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { customerUpdates, notifications, outbox, teams, ticketEvents, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { setWaiting } from '@/lib/pipeline/set-waiting';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { sendCernProgress } from './progress-mail';
import { remindStaleExceptions } from './reminders';

let handle: DbHandle;
let agent: Actor;
let lead: Actor;
let customer: Actor;
let categoryId: string;
let teamId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  handle = testDb();
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  teamId = team.teamId;
  agent = await makeStaff(handle.db, 'agent', teamId);
  lead = await makeStaff(handle.db, 'lead', teamId);
  await handle.db.update(teams).set({ leadId: lead.userId }).where(eq(teams.id, teamId));
  customer = await makeCustomer(handle.db, 'Progress Customer');
});
afterAll(() => handle.close());

/** A request identified (assigned to `assignee`, or nobody) and raised as an exception. */
async function exception(assignee: Actor | null = agent): Promise<Ticket> {
  const t = must(await submitRequest(handle.db, customer, { subject: 'Orders vanish', description: 'Since Monday.' }));
  const identified = must(
    await identifyTicket(handle.db, agent, {
      number: t.number,
      version: t.version,
      categoryId,
      severity: 2,
      impact: 'several',
      assigneeId: assignee?.userId ?? '',
    }),
  );
  return must(
    await raiseException(handle.db, agent, {
      number: t.number,
      version: identified.version,
      incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
      details: 'Orders placed since Monday vanish from the history page of the account.',
    }),
  );
}

async function wait(t: Ticket, status: 'pending' | 'on_hold' | 'open'): Promise<Ticket> {
  const current = await loadTicket(handle.db, t.id);
  return must(await setWaiting(handle.db, agent, { number: t.number, version: current.version, status }));
}

const progressJobs = async (ticketId: string) =>
  rowsOf<{ status: string }>(
    await handle.db.execute(
      sql`select data->>'status' as status from pgboss.job where name = 'cern.progress' and data->>'ticketId' = ${ticketId} order by created_on, id`,
    ),
  ).map((r) => r.status);

const progressMails = (ticketId: string) =>
  handle.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.ticketId, ticketId), eq(outbox.kind, 'cern_progress')));

const updatedEvents = (ticketId: string) =>
  handle.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'customer_updated')));

describe('progress updates on exceptions', () => {
  it('raising the exception tells the customer (the CERN mail) and notes what they know', async () => {
    const t = await exception();
    expect((await updatedEvents(t.id)).map((e) => e.data)).toEqual([{ via: 'exception_raised' }]);
    const [row] = await handle.db.select().from(customerUpdates).where(eq(customerUpdates.ticketId, t.id));
    expect(row).toMatchObject({ lastStatus: 'open' });
    expect(row?.lastUpdatedAt).toBeInstanceOf(Date);
  });

  it('rapid status changes queue a job each, and only the latest state is mailed, once', async () => {
    const t = await exception();
    await wait(t, 'on_hold');
    await wait(t, 'pending');
    expect(await progressJobs(t.id)).toEqual(['on_hold', 'pending']);
    // The jobs run a little later, in order: the first finds its state gone, the second mails.
    expect(await sendCernProgress(handle.db, { ticketId: t.id, status: 'on_hold' })).toBe('superseded');
    expect(await sendCernProgress(handle.db, { ticketId: t.id, status: 'pending' })).toBe('sent');
    expect(await sendCernProgress(handle.db, { ticketId: t.id, status: 'pending' })).toBe('already_known');
    const mails = await progressMails(t.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(customer.email);
    expect(mails[0]!.subject).toContain(t.cern!);
    expect(mails[0]!.body).toContain('We are waiting for your reply.');
    expect((await updatedEvents(t.id)).map((e) => e.data)).toEqual([
      { via: 'exception_raised' },
      { via: 'progress_mail' },
    ]);
  });

  it('a change and its undoing before the jobs run mails nothing', async () => {
    const t = await exception();
    await wait(t, 'on_hold');
    await wait(t, 'open');
    expect(await sendCernProgress(handle.db, { ticketId: t.id, status: 'on_hold' })).toBe('superseded');
    expect(await sendCernProgress(handle.db, { ticketId: t.id, status: 'open' })).toBe('already_known');
    expect(await progressMails(t.id)).toHaveLength(0);
  });

  it('a public reply counts as an update; resolution has its own mail, no progress job', async () => {
    const t = await exception();
    must(await replyToTicket(handle.db, agent, { number: t.number, body: 'We found the cause.' }));
    const after = await loadTicket(handle.db, t.id);
    must(await resolveTicket(handle.db, agent, { number: t.number, version: after.version, summary: 'Restored.' }));
    expect((await updatedEvents(t.id)).map((e) => e.data)).toEqual([
      { via: 'exception_raised' },
      { via: 'reply' },
      { via: 'resolution' },
    ]);
    expect(await progressJobs(t.id)).toEqual([]);
  });

  it('status changes of a request without a CERN queue nothing', async () => {
    const t = must(await submitRequest(handle.db, customer, { subject: 'Plain', description: 'No exception.' }));
    const identified = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        categoryId,
        severity: 4,
        impact: 'single',
      }),
    );
    must(await setWaiting(handle.db, agent, { number: t.number, version: identified.version, status: 'on_hold' }));
    expect(await progressJobs(t.id)).toEqual([]);
    expect(await updatedEvents(t.id)).toEqual([]);
  });
});

describe('owner reminders', () => {
  const setLastUpdate = (ticketId: string, at: Date) =>
    handle.db.update(customerUpdates).set({ lastUpdatedAt: at }).where(eq(customerUpdates.ticketId, ticketId));
  const reminders = (ticketId: string) =>
    handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticketId), eq(notifications.kind, 'update_due')));

  it('reminds the assignee once per window, not when updated recently, not when closed', async () => {
    const now = new Date();
    const silent = await exception();
    const recent = await exception();
    const resolved = await exception();
    await setLastUpdate(silent.id, new Date(now.getTime() - 3 * DAY));
    await setLastUpdate(recent.id, new Date(now.getTime() - 1 * DAY));
    const current = await loadTicket(handle.db, resolved.id);
    must(
      await resolveTicket(handle.db, agent, { number: resolved.number, version: current.version, summary: 'Done.' }),
    );
    await setLastUpdate(resolved.id, new Date(now.getTime() - 5 * DAY));

    await remindStaleExceptions(handle.db, { days: 2, now });
    const first = await reminders(silent.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ userId: agent.userId, kind: 'update_due' });
    expect(first[0]!.summary).toContain(silent.cern!);
    expect(first[0]!.summary).toContain('3 days');
    expect(await reminders(recent.id)).toHaveLength(0);
    expect(await reminders(resolved.id)).toHaveLength(0);

    // The same window: nothing more, however often the job runs.
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() + 3_600_000) });
    expect(await reminders(silent.id)).toHaveLength(1);
    // Still silent a window later: reminded again.
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() + 2 * DAY + 60_000) });
    expect(await reminders(silent.id)).toHaveLength(2);
  });

  it('an unassigned exception reminds the team lead; an update resets the clock', async () => {
    const now = new Date();
    const t = await exception(null);
    await setLastUpdate(t.id, new Date(now.getTime() - 6 * DAY));
    // Reminded three days ago: the window alone would allow another reminder now.
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() - 3 * DAY) });
    expect((await reminders(t.id)).map((n) => n.userId)).toEqual([lead.userId]);

    must(await replyToTicket(handle.db, agent, { number: t.number, body: 'Still on it, sorry for the wait.' }));
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() + DAY) });
    expect(await reminders(t.id)).toHaveLength(1);
    // Without the reply it would have been due.
    await setLastUpdate(t.id, new Date(now.getTime() - 6 * DAY));
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() + DAY) });
    expect(await reminders(t.id)).toHaveLength(2);
  });

  it('skips an exception that a change holds locked, instead of waiting on it, and reminds it next time', async () => {
    const now = new Date();
    const t = await exception();
    await setLastUpdate(t.id, new Date(now.getTime() - 3 * DAY));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A staff action in progress: the request row locked, its transaction still open.
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select id from tickets where id = ${t.id} for update`);
      locked();
      await held;
    });
    await isLocked;
    const outcome = await Promise.race([
      remindStaleExceptions(handle.db, { days: 2, now }).then(() => 'done' as const),
      new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000)),
    ]);
    release();
    await holder;
    expect(outcome).toBe('done');
    expect(await reminders(t.id)).toHaveLength(0);
    await remindStaleExceptions(handle.db, { days: 2, now: new Date(now.getTime() + 60_000) });
    expect(await reminders(t.id)).toHaveLength(1);
  });
});
