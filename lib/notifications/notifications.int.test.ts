import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { notifications, outbox, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { postgresListen } from '@/lib/live/app-hub';
import { LiveHub, type LiveMessage } from '@/lib/live/hub';
import { bulkUpdate } from '@/lib/pipeline/bulk-update';
import { customerReply } from '@/lib/pipeline/customer-reply';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { setWaiting } from '@/lib/pipeline/set-waiting';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { listNotifications, markNotificationsRead, openNotification } from './inbox';
import { saveNotificationSettings } from './preferences';

let handle: DbHandle;
let teamId: string;
let categoryId: string;
let lead: Actor;
let customer: Actor;

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  lead = await makeStaff(handle.db, 'lead', teamId);
  customer = await makeCustomer(handle.db, 'Notified Customer');
});
afterAll(() => handle.close());

const agentInTeam = () => makeStaff(handle.db, 'agent', teamId);

async function request(subject = 'Notify me'): Promise<Ticket> {
  return must(await submitRequest(handle.db, customer, { subject, description: 'For the notification tests.' }));
}

/** A request identified into the team, assigned to `assignee` by `by`. */
async function assigned(assignee: Actor, by: Actor = lead): Promise<Ticket> {
  const t = await request();
  return must(
    await identifyTicket(handle.db, by, {
      number: t.number,
      version: t.version,
      categoryId,
      severity: 3,
      impact: 'single',
      assigneeId: assignee.userId,
    }),
  );
}

const of = (user: Actor) =>
  handle.db.select().from(notifications).where(eq(notifications.userId, user.userId)).orderBy(notifications.createdAt);

const mailsTo = (user: Actor) =>
  handle.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, user.email), eq(outbox.kind, 'notification')));

const localPart = (a: Actor) => a.email.split('@')[0]!;

describe('who is notified', () => {
  it('tells the assignee once when someone else assigns them, and never the actor', async () => {
    const agent = await agentInTeam();
    const t = await assigned(agent);
    const rows = await of(agent);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ticketId: t.id,
      kind: 'assigned',
      actorUserId: lead.userId,
      summary: 'Assigned to you by Test lead',
      readAt: null,
    });
    expect(await of(lead)).toHaveLength(0);
  });

  it('does not notify an agent who takes a request themselves', async () => {
    const agent = await agentInTeam();
    const t = await request();
    const identified = must(
      await identifyTicket(handle.db, lead, {
        number: t.number,
        version: t.version,
        categoryId,
        severity: 3,
        impact: 'single',
      }),
    );
    must(await takeTicket(handle.db, agent, { number: identified.number, version: identified.version }));
    expect((await loadTicket(handle.db, t.id)).assigneeId).toBe(agent.userId);
    expect(await of(agent)).toHaveLength(0);
  });

  it('a bulk assignment notifies the assignee once per request in one change, and e-mails them once', async () => {
    const agent = await agentInTeam();
    must(await saveNotificationSettings(handle.db, agent, { notifyByEmail: 'on' }));
    const made = [];
    for (let i = 0; i < 3; i++) {
      const t = await request(`Bulk ${i}`);
      made.push(
        must(
          await identifyTicket(handle.db, lead, {
            number: t.number,
            version: t.version,
            categoryId,
            severity: 3,
            impact: 'single',
          }),
        ),
      );
    }
    const result = must(
      await bulkUpdate(handle.db, lead, {
        numbers: made.map((t) => t.number),
        change: { kind: 'assign', assigneeId: agent.userId },
      }),
    );
    expect(result.changed).toHaveLength(3);
    const rows = await of(agent);
    expect(rows.map((r) => r.ticketId).sort()).toEqual(made.map((t) => t.id).sort());
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['assigned']));
    expect(await of(lead)).toHaveLength(0);
    const mails = await mailsTo(agent);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('3 requests need your attention');
    for (const t of made) expect(mails[0]!.body).toContain(`#${t.number} Bulk`);
  });

  it('tells the assignee when the customer replies', async () => {
    const agent = await agentInTeam();
    const t = await assigned(agent);
    must(await customerReply(handle.db, customer, { number: t.number, body: 'Any news?' }));
    const rows = await of(agent);
    expect(rows.map((r) => r.kind)).toEqual(['assigned', 'customer_replied']);
    expect(rows[1]).toMatchObject({ ticketId: t.id, summary: 'The customer replied' });
  });

  it('tells a CERN owner when someone else raises it or changes its status, not when they do', async () => {
    const agent = await agentInTeam();
    const t = await assigned(agent);
    const raised = must(
      await raiseException(handle.db, lead, {
        number: t.number,
        version: t.version,
        incidentAt: new Date(Date.now() - 3600_000).toISOString(),
        details: 'The incident in detail, long enough to be accepted as an exception.',
      }),
    );
    const waiting = must(
      await setWaiting(handle.db, lead, { number: t.number, version: raised.version, status: 'pending' }),
    );
    must(await setWaiting(handle.db, agent, { number: t.number, version: waiting.version, status: 'open' }));
    const rows = await of(agent);
    expect(rows.map((r) => [r.kind, r.summary])).toEqual([
      ['assigned', 'Assigned to you by Test lead'],
      ['cern_changed', `Exception ${raised.cern} raised by Test lead`],
      ['cern_changed', `${raised.cern} is now pending by Test lead`],
    ]);
  });

  it('tells the people an internal note @mentions, not those a public reply names', async () => {
    const agent = await agentInTeam();
    const other = await agentInTeam();
    const t = await assigned(agent);
    must(
      await replyToTicket(handle.db, lead, {
        number: t.number,
        body: `@${localPart(other)} can you look? (and me: @${localPart(lead)})`,
        visibility: 'internal',
      }),
    );
    must(
      await replyToTicket(handle.db, lead, {
        number: t.number,
        body: `Dear customer, @${localPart(agent)} will call you.`,
        visibility: 'public',
      }),
    );
    const rows = await of(other);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ticketId: t.id, kind: 'mentioned' });
    expect(rows[0]!.summary).toContain('Test lead mentioned you: “@');
    expect((await of(agent)).map((r) => r.kind)).toEqual(['assigned']);
    expect(await of(lead)).toHaveLength(0);
  });

  it('queues no mail for someone who did not ask for it', async () => {
    const agent = await agentInTeam();
    await assigned(agent);
    expect(await of(agent)).toHaveLength(1);
    expect(await mailsTo(agent)).toHaveLength(0);
    must(await saveNotificationSettings(handle.db, agent, { notifyByEmail: 'on' }));
    const t = await assigned(agent);
    const mails = await mailsTo(agent);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`[#${t.number}] Assigned to you by Test lead`);
    expect(mails[0]!.body).toContain(`/tickets/${t.number}`);
    must(await saveNotificationSettings(handle.db, agent, {}));
    await assigned(agent);
    expect(await mailsTo(agent)).toHaveLength(1);
  });
});

describe('reading notifications', () => {
  it('counts unread, pages, marks some, one or all read', async () => {
    const agent = await agentInTeam();
    const made = [await assigned(agent), await assigned(agent), await assigned(agent)];
    const first = must(await listNotifications(handle.db, agent, { limit: 2 }));
    expect(first.unread).toBe(3);
    expect(first.items.map((i) => i.ticketNumber)).toEqual([made[2]!.number, made[1]!.number]);
    expect(first.next).not.toBeNull();
    const second = must(await listNotifications(handle.db, agent, { limit: 2, before: first.next }));
    expect(second.items.map((i) => i.ticketNumber)).toEqual([made[0]!.number]);
    expect(second.next).toBeNull();

    expect(must(await markNotificationsRead(handle.db, agent, { ids: [first.items[0]!.id] }))).toEqual({ unread: 2 });
    expect(must(await openNotification(handle.db, agent, { id: first.items[1]!.id }))).toEqual({
      number: made[1]!.number,
      link: null,
    });
    expect(must(await listNotifications(handle.db, agent, {})).unread).toBe(1);
    expect(must(await markNotificationsRead(handle.db, agent, { all: true }))).toEqual({ unread: 0 });
  });

  it("keeps each person to their own: others' ids are not found or ignored, customers find nothing", async () => {
    const agent = await agentInTeam();
    const other = await agentInTeam();
    await assigned(agent);
    const [mine] = await of(agent);
    expect(await openNotification(handle.db, other, { id: mine!.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(must(await markNotificationsRead(handle.db, other, { ids: [mine!.id] }))).toEqual({ unread: 0 });
    expect((await of(agent))[0]!.readAt).toBeNull();
    expect(await listNotifications(handle.db, customer, {})).toMatchObject({ ok: false, code: 'not_found' });
    expect(await markNotificationsRead(handle.db, customer, { all: true })).toMatchObject({ code: 'not_found' });
    expect(await saveNotificationSettings(handle.db, customer, { notifyByEmail: 'on' })).toMatchObject({
      code: 'not_found',
    });
    expect(await listNotifications(handle.db, agent, { before: 'garbage' })).toMatchObject({ code: 'invalid' });
    expect(await markNotificationsRead(handle.db, agent, { ids: ['nope'] })).toMatchObject({ code: 'invalid' });
  });
});

describe('live', () => {
  it("reaches every instance's hub, naming only the person notified", async () => {
    const connection = postgresListen(process.env.DATABASE_URL!);
    const hub = new LiveHub();
    await hub.start(connection.listen);
    const seen: LiveMessage[] = [];
    hub.subscribe((m) => seen.push(m));
    try {
      const agent = await agentInTeam();
      await assigned(agent);
      const deadline = Date.now() + 2000;
      const heard = () => seen.some((m) => m.kind === 'notification' && m.userId === agent.userId);
      while (!heard()) {
        if (Date.now() > deadline) throw new Error('no notification within 2 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(seen.filter((m) => m.kind === 'notification').map((m) => m.kind === 'notification' && m.userId)).toEqual([
        agent.userId,
      ]);
    } finally {
      await hub.stop();
      await connection.close();
    }
  });
});
