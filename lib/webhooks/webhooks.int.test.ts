import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db, type DbHandle } from '@/db/client';
import {
  auditLog,
  notifications,
  outbox,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { startJobs, type JobRunner } from '@/lib/jobs/runner';
import { JOBS } from '@/lib/jobs/registry';
import { listNotifications, openNotification } from '@/lib/notifications/inbox';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { urlProblem } from './address';
import { createSubscription, getSubscription, redeliver, sendTestEvent, setPaused } from './admin';
import { deliverWebhook, dispatchWebhookEvents } from './deliver';
import { postWebhook } from './http';
import { PAUSE_AFTER_FAILURES } from './policy';
import { verifySignature } from './signature';

/** A receiver on 127.0.0.1 that answers with the statuses it is given, in turn (then the last forever). */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      if (status === 302) res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
      else res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(status >= 300 ? `nope ${'x'.repeat(10_000)}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hooks`, received };
}

const servers: http.Server[] = [];
const ALLOW = { WEBHOOKS_ALLOW_PRIVATE: '1' };
let handle: DbHandle;
let db: Db;
let admin: Actor;
let customer: Actor;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
  handle = testDb();
  db = handle.db;
  admin = await makeStaff(db, 'admin');
  customer = await makeCustomer(db, 'Webhook Customer');
});
afterEach(async () => {
  // Subscriptions of one test must not catch the events of the next.
  await db
    .update(webhookSubscriptions)
    .set({ pausedAt: new Date() })
    .where(sql`paused_at is null`);
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  for (const s of servers) s.close();
  await handle.close();
});

async function subscribe(url: string, events = ['ticket.created']) {
  return must(await createSubscription(db, admin, { name: `Hook ${Math.random()}`, url, events }));
}

async function deliveriesOf(subscriptionId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId));
}

async function newRequest(subject: string) {
  return must(await submitRequest(db, customer, { subject, description: 'For the webhook tests.' }));
}

describe('webhooks', () => {
  it('records the event with the change, fans it out by a job and signs the POST (checked with an independent HMAC)', async () => {
    const target = await receiver([200]);
    const { id, secret } = await subscribe(target.url);
    expect(secret).toMatch(/^whsec_/);
    const ticket = await newRequest('Signed webhook');
    const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.ticketId, ticket.id));
    expect(event).toMatchObject({ type: 'ticket.created', dispatchedAt: null });
    expect(event!.payload).toMatchObject({ ticket: { number: ticket.number, subject: 'Signed webhook' } });

    await dispatchWebhookEvents(db);
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'pending', eventId: event!.id });
    // The dispatch also queued the delivery's job (in its transaction).
    const jobs = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pgboss.job where name = 'webhooks.deliver' and data->>'deliveryId' = ${delivery!.id}`,
      ),
    );
    expect(jobs[0]!.n).toBe(1);

    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env: ALLOW })).toBe('succeeded');
    const [got] = target.received;
    const header = String(got!.headers['x-cairn-signature']);
    const t = String(got!.headers['x-cairn-timestamp']);
    const independent = createHmac('sha256', secret).update(`${t}.${got!.body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${independent}`);
    expect(JSON.parse(got!.body)).toMatchObject({
      id: event!.id,
      type: 'ticket.created',
      data: { ticket: { id: ticket.id } },
    });
    expect(got!.headers['x-cairn-event-id']).toBe(event!.id);
    expect(verifySignature(header, got!.body, secret).ok).toBe(true);
    // Receivers refuse old timestamps (replays) and a tampered body.
    expect(verifySignature(header, got!.body, secret, { now: (Number(t) + 301) * 1000 })).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(verifySignature(header, got!.body.replace('Signed', 'Forged'), secret).ok).toBe(false);
    const [done] = await deliveriesOf(id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 200 });
  });

  it('a rolled-back change sends nothing; no subscription, no event', async () => {
    const target = await receiver([200]);
    await subscribe(target.url);
    await expect(
      db.transaction(async (tx) => {
        must(await submitRequest(tx as unknown as Db, customer, { subject: 'Rolled back', description: 'Never.' }));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from webhook_events where payload->'ticket'->>'subject' = 'Rolled back'`,
      ),
    );
    expect(rows[0]!.n).toBe(0);
    await db.update(webhookSubscriptions).set({ pausedAt: new Date() });
    const quiet = await newRequest('Nobody listens');
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.ticketId, quiet.id))).toEqual([]);
  });

  it('retries with exponential backoff: fails twice, then succeeds; the event id and body never change', async () => {
    const target = await receiver([500, 503, 200]);
    const { id } = await subscribe(target.url);
    await newRequest('Flaky receiver');
    await dispatchWebhookEvents(db);
    const [delivery] = await deliveriesOf(id);
    const env = { ...ALLOW, WEBHOOKS_RETRY_BASE_SECONDS: '60' };
    const t0 = new Date();
    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env, now: () => t0 })).toBe('retrying');
    const [after1] = await deliveriesOf(id);
    expect(after1!.nextAttemptAt!.getTime() - t0.getTime()).toBe(60_000);
    const t1 = new Date(t0.getTime() + 60_000);
    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env, now: () => t1 })).toBe('retrying');
    const [after2] = await deliveriesOf(id);
    expect(after2!.nextAttemptAt!.getTime() - t1.getTime()).toBe(120_000);
    // Each retry is a job due after the delay (pg-boss start_after).
    const retries = rowsOf<{ delay: number }>(
      await db.execute(sql`
        select round(extract(epoch from start_after - created_on))::int as delay from pgboss.job
        where name = 'webhooks.deliver' and data->>'deliveryId' = ${delivery!.id} and start_after > created_on + interval '5 seconds'
        order by created_on`),
    );
    expect(retries.map((r) => r.delay)).toEqual([60, 120]);
    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env })).toBe('succeeded');
    const log = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(log.map((a) => a.responseStatus).sort()).toEqual([200, 500, 503]);
    expect(log.find((a) => a.responseStatus === 500)!.responseBody!.length).toBeLessThanOrEqual(4096);
    expect(new Set(target.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(target.received.map((r) => r.headers['x-cairn-event-id'])).size).toBe(1);
    const [sub] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(sub).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it('retries through the real job runner until the receiver answers', async () => {
    const target = await receiver([500, 500, 204]);
    const { id } = await subscribe(target.url);
    await newRequest('Runner retries');
    let runner: JobRunner | null = null;
    try {
      runner = await startJobs(handle, {
        jobs: JOBS.filter((j) => j.name.startsWith('webhooks.')),
        schedule: false,
        supervise: false,
        pollingIntervalSeconds: 0.5,
        env: { ...ALLOW, WEBHOOKS_RETRY_BASE_SECONDS: '1' },
      });
      const end = Date.now() + 25_000;
      for (;;) {
        const [d] = await deliveriesOf(id);
        if (d?.status === 'succeeded') break;
        if (Date.now() > end) throw new Error(`still ${d?.status} after ${d?.attempts} attempts`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await runner?.stop(2000);
    }
    const [d] = await deliveriesOf(id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204 });
    expect(target.received).toHaveLength(3);
  });

  it('pauses a subscription that keeps failing and tells its owner; paused, nothing is sent', async () => {
    const target = await receiver([500]);
    const { id } = await subscribe(target.url);
    await db
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: PAUSE_AFTER_FAILURES - 1, failingSince: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(webhookSubscriptions.id, id));
    await newRequest('Always failing');
    await dispatchWebhookEvents(db);
    const [delivery] = await deliveriesOf(id);
    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env: ALLOW })).toBe('retrying');
    const [sub] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(sub!.pausedAt).not.toBeNull();
    expect(sub!.pausedReason).toMatch(/15 attempts in a row failed/);
    const mails = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, admin.email), eq(outbox.kind, 'webhook_paused')));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(`/admin/webhooks/${id}`);
    const bell = await db.select().from(notifications).where(eq(notifications.userId, admin.userId));
    expect(bell).toMatchObject([{ kind: 'webhook_paused', ticketId: null, link: `/admin/webhooks/${id}` }]);
    const listed = must(await listNotifications(db, admin, {}));
    expect(listed.items[0]).toMatchObject({ ticketNumber: null, ticketSubject: 'Webhooks' });
    expect(must(await openNotification(db, admin, { id: bell[0]!.id }))).toEqual({
      number: null,
      link: `/admin/webhooks/${id}`,
    });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'webhook.paused')));
    expect(audits).toHaveLength(1);
    // The pending retry finds it paused and is skipped, without a call.
    const calls = target.received.length;
    expect(await deliverWebhook(db, { deliveryId: delivery!.id }, { env: ALLOW })).toBe('skipped');
    expect(target.received).toHaveLength(calls);
    // Resuming clears the failure count.
    must(await setPaused(db, admin, { id }, false));
    const [resumed] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(resumed).toMatchObject({ pausedAt: null, consecutiveFailures: 0 });
  });

  it('test event and redelivery: same event id and body, a fresh signature; shown in the log', async () => {
    const target = await receiver([200]);
    const { id, secret } = await subscribe(target.url, ['ticket.closed']);
    const { eventId } = must(await sendTestEvent(db, admin, { id }));
    await dispatchWebhookEvents(db);
    const [delivery] = await deliveriesOf(id);
    expect(delivery!.eventId).toBe(eventId);
    expect(
      await deliverWebhook(db, { deliveryId: delivery!.id }, { env: ALLOW, now: () => new Date(Date.now() - 5000) }),
    ).toBe('succeeded');
    expect((await redeliver(db, admin, { id, deliveryId: delivery!.id })).ok).toBe(true);
    expect(await deliverWebhook(db, { deliveryId: delivery!.id, manual: true }, { env: ALLOW })).toBe('succeeded');
    const [first, second] = target.received;
    expect(second!.body).toBe(first!.body);
    expect(JSON.parse(second!.body)).toMatchObject({ id: eventId, type: 'webhook.test' });
    expect(second!.headers['x-cairn-signature']).not.toBe(first!.headers['x-cairn-signature']);
    expect(verifySignature(String(second!.headers['x-cairn-signature']), second!.body, secret).ok).toBe(true);
    const page = must(await getSubscription(db, admin, { id }));
    expect(page.deliveries[0]).toMatchObject({ id: delivery!.id, status: 'succeeded', attempts: 2 });
    expect(page.deliveries[0]!.log).toHaveLength(2);
    expect(page.deliveries[0]!.requestBody).toBe(first!.body);
    expect(JSON.stringify(page)).not.toContain(secret);
    // A redelivery is refused while one is still being tried.
    await db.update(webhookDeliveries).set({ status: 'pending' }).where(eq(webhookDeliveries.id, delivery!.id));
    expect(await redeliver(db, admin, { id, deliveryId: delivery!.id })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses private, loopback and link-local targets unless allowed; no redirects; a time limit', async () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://localhost:3000/x',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://192.168.0.10/',
    ])
      expect(urlProblem(url, false), url).toMatch(/private or local/);
    expect(urlProblem('ftp://example.com/', false)).toMatch(/Only http/);
    expect(urlProblem('https://user:pw@example.com/', false)).toMatch(/no user name/);
    expect(urlProblem('https://example.com/hooks', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1/x', true)).toBeNull();

    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
    try {
      const refused = await createSubscription(db, admin, {
        name: 'Metadata',
        url: 'http://169.254.169.254/',
        events: ['ticket.created'],
      });
      expect(refused).toMatchObject({ ok: false, code: 'invalid' });
      expect(refused.ok ? null : refused.fieldErrors?.url?.[0]).toMatch(/private or local/);
    } finally {
      process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
    }

    const target = await receiver([200]);
    // At delivery: an address literal, and a name that resolves to loopback (checked on connect).
    const literal = await postWebhook(target.url, '{}', {}, { allowPrivate: false });
    expect(literal).toMatchObject({ status: null, error: expect.stringMatching(/Refused/) });
    const named = await postWebhook(target.url.replace('127.0.0.1', 'localhost'), '{}', {}, { allowPrivate: false });
    expect(named).toMatchObject({
      status: null,
      error: expect.stringMatching(/Refused: localhost resolves to a private address/),
    });
    expect(target.received).toHaveLength(0);

    const redirect = await receiver([302]);
    expect(await postWebhook(redirect.url, '{}', {}, { allowPrivate: true })).toMatchObject({
      status: 302,
      error: 'Redirect (302) not followed.',
    });
    const silent = http.createServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = await postWebhook(
      `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      '{}',
      {},
      {
        allowPrivate: true,
        timeoutMs: 300,
      },
    );
    expect(slow).toMatchObject({ status: null, error: 'No answer within 0.3 s.' });
    silent.closeAllConnections();
  });

  it('admin use cases are for admins only', async () => {
    const agent = await makeStaff(db, 'agent');
    expect(
      await createSubscription(db, agent, { name: 'X', url: 'https://example.com/', events: ['ticket.created'] }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await getSubscription(db, admin, { id: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'not_found' });
  });
});
