import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import {
  accountTokens,
  idempotencyKeys,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
  type WebhookDeliveryStatus,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { JOBS } from '@/lib/jobs/registry';
import { updateSettings } from '@/lib/settings/update-settings';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { retentionJob } from './retention-job';

let handle: DbHandle;
let db: Db;
let admin: Actor;
let subscriptionId: string;

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000);

beforeAll(async () => {
  handle = testDb();
  db = handle.db;
  admin = await makeStaff(db, 'admin');
  const [sub] = await db
    .insert(webhookSubscriptions)
    .values({
      name: 'Retention',
      url: 'http://127.0.0.1:9/r',
      events: ['ticket.created'],
      secret: 'whsec_x',
      pausedAt: new Date(),
    })
    .returning({ id: webhookSubscriptions.id });
  subscriptionId = sub!.id;
});
afterAll(async () => {
  await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId));
  await handle.close();
});

/** An event of `age` days with one delivery in `status` (none if null) and two attempts. */
async function eventWith(age: number, status: WebhookDeliveryStatus | null, dispatched = true) {
  const at = daysAgo(age);
  const [event] = await db
    .insert(webhookEvents)
    .values({ type: 'ticket.created', payload: {}, createdAt: at, dispatchedAt: dispatched ? at : null })
    .returning({ id: webhookEvents.id });
  if (!status) return { eventId: event!.id, deliveryId: null };
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      subscriptionId,
      eventId: event!.id,
      status,
      attempts: 2,
      createdAt: at,
      lastAttemptAt: at,
      nextAttemptAt: status === 'pending' ? new Date() : null,
    })
    .returning({ id: webhookDeliveries.id });
  await db.insert(webhookAttempts).values([
    { deliveryId: delivery!.id, attempt: 1, at, durationMs: 5, responseStatus: 500 },
    { deliveryId: delivery!.id, attempt: 2, at, durationMs: 5, responseStatus: status === 'succeeded' ? 200 : 500 },
  ]);
  return { eventId: event!.id, deliveryId: delivery!.id };
}

async function eventsLeft(ids: string[]) {
  const rows = await db.select({ id: webhookEvents.id }).from(webhookEvents).where(inArray(webhookEvents.id, ids));
  return new Set(rows.map((r) => r.id));
}
async function attemptsOf(deliveryId: string) {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId));
}

describe('retention.sweep', () => {
  it('is a scheduled job of the registry', () => {
    const job = JOBS.find((j) => j.name === 'retention.sweep');
    expect(job?.schedule).toMatch(/^\d+ \* \* \* \*$/);
  });

  it('forgets the old finished webhook log in batches, never a pending delivery; the retention is the admin setting', async () => {
    const oldSucceeded = await eventWith(40, 'succeeded');
    const oldFailed = await eventWith(40, 'failed');
    const oldSkipped = await eventWith(40, 'skipped');
    const oldNoDelivery = await eventWith(40, null);
    const oldRetrying = await eventWith(40, 'pending');
    const oldUndispatched = await eventWith(40, null, false);
    const recent = await eventWith(5, 'succeeded');
    const all = [oldSucceeded, oldFailed, oldSkipped, oldNoDelivery, oldRetrying, oldUndispatched, recent];
    const ids = all.map((e) => e.eventId);

    // 60 days kept: nothing of these goes.
    must(await updateSettings(db, admin, { group: 'retention', webhookDays: '60' }));
    await retentionJob(db, { batch: 2 });
    expect((await eventsLeft(ids)).size).toBe(all.length);

    // 30 days (the default): the 40-day-old finished ones go, with their deliveries and attempts.
    must(await updateSettings(db, admin, { group: 'retention', webhookDays: '30' }));
    const result = await retentionJob(db, { batch: 2 });
    expect(result.webhookDeliveries).toBeGreaterThanOrEqual(3);
    expect(result.webhookEvents).toBeGreaterThanOrEqual(4);
    const left = await eventsLeft(ids);
    expect([...left].sort()).toEqual([oldRetrying.eventId, oldUndispatched.eventId, recent.eventId].sort());
    expect(await attemptsOf(oldSucceeded.deliveryId!)).toEqual([]);
    expect(await attemptsOf(oldFailed.deliveryId!)).toEqual([]);
    // The retrying delivery keeps its state and its log; the recent one too.
    const [retrying] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, oldRetrying.deliveryId!));
    expect(retrying).toMatchObject({ status: 'pending', attempts: 2 });
    expect(await attemptsOf(oldRetrying.deliveryId!)).toHaveLength(2);
    expect(await attemptsOf(recent.deliveryId!)).toHaveLength(2);

    // Run again: nothing more of these goes.
    await retentionJob(db, { batch: 2 });
    expect(await eventsLeft(ids)).toEqual(left);
  });

  it('refuses a retention outside 1 to 365 days', async () => {
    const result = await updateSettings(db, admin, { group: 'retention', webhookDays: '0' });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('sweeps expired Idempotency-Keys and long-expired account links, keeping live ones', async () => {
    const principal = `user:${randomUUID()}`;
    await db.insert(idempotencyKeys).values([
      { principal, key: 'old-1', fingerprint: 'f', createdAt: hoursAgo(25) },
      { principal, key: 'old-2', fingerprint: 'f', createdAt: hoursAgo(48) },
      { principal, key: 'old-3', fingerprint: 'f', createdAt: hoursAgo(30) },
      { principal, key: 'fresh', fingerprint: 'f', createdAt: hoursAgo(23) },
    ]);
    const email = `retention-${randomUUID()}@test.example`;
    const token = (expiresAt: Date, usedAt: Date | null = null) => ({
      kind: 'password_reset' as const,
      tokenHash: randomUUID(),
      email,
      expiresAt,
      usedAt,
    });
    await db
      .insert(accountTokens)
      .values([
        token(daysAgo(31)),
        token(daysAgo(45), daysAgo(46)),
        token(daysAgo(29)),
        token(new Date(Date.now() + 3600_000)),
      ]);

    const result = await retentionJob(db, { batch: 2 });
    expect(result.idempotencyKeys).toBeGreaterThanOrEqual(3);
    expect(result.accountTokens).toBeGreaterThanOrEqual(2);
    const keys = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.principal, principal));
    expect(keys.map((k) => k.key)).toEqual(['fresh']);
    const links = await db
      .select({ expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(eq(accountTokens.email, email));
    expect(links).toHaveLength(2);
    expect(links.every((l) => l.expiresAt > daysAgo(30))).toBe(true);
  });

  it('bounds each statement: a DELETE past the time limit is cancelled', async () => {
    const { deleteInBatches } = await import('./batches');
    await expect(
      deleteInBatches(db, () => sql`select 1 from pg_sleep(0.5)`, { statementTimeoutMs: 50 }),
    ).rejects.toMatchObject({ cause: { code: '57014' } }); // query_canceled: statement timeout
  });
});
