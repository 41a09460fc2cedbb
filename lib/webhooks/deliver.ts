import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import {
  notifications,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { enqueue } from '@/lib/jobs/enqueue';
import { notifyNotifications } from '@/lib/live/channels';
import type { JobContext } from '@/lib/jobs/registry';
import { queueMail } from '@/lib/mail/queue';
import { webhookPausedMail } from '@/lib/mail/templates/webhook-paused';
import { allowPrivateTargets } from './address';
import { TEST_EVENT_TYPE } from './events';
import { postWebhook, type PostResult } from './http';
import { PAUSE_AFTER_FAILURES, PAUSE_AFTER_HOURS, retryBaseSeconds, retryDelaySeconds, shouldPause } from './policy';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

const BATCH = 200;

/** The body every attempt of an event sends, byte for byte (receivers dedupe by `id`). */
export function eventBody(event: { id: string; type: string; createdAt: Date; payload: unknown }): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: event.payload,
  });
}

/**
 * The `webhooks.dispatch` job: turns undispatched events into one delivery per subscription that
 * wants them (a test event: its one subscription) and one `webhooks.deliver` job each, in one
 * transaction per batch. Run twice, it makes nothing twice (unique subscription + event).
 */
export async function dispatchWebhookEvents(db: Db): Promise<{ events: number; deliveries: number }> {
  let events = 0;
  let deliveries = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const picked = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select id from webhook_events where dispatched_at is null
          order by created_at limit ${BATCH} for update skip locked`),
      );
      if (picked.length === 0) return { events: 0, deliveries: 0 };
      const ids = `{${picked.map((p) => p.id).join(',')}}`;
      const made = rowsOf<{ id: string }>(
        await tx.execute(sql`
          insert into webhook_deliveries (subscription_id, event_id, next_attempt_at)
          select s.id, e.id, now()
          from webhook_events e
          join webhook_subscriptions s
            on s.id = e.subscription_id
            or (e.subscription_id is null and s.paused_at is null and s.events @> array[e.type])
          where e.id = any(${ids}::uuid[])
          on conflict (subscription_id, event_id) do nothing
          returning id`),
      );
      for (const d of made) await enqueue(tx, 'webhooks.deliver', { deliveryId: d.id });
      await tx.execute(sql`update webhook_events set dispatched_at = now() where id = any(${ids}::uuid[])`);
      return { events: picked.length, deliveries: made.length };
    });
    events += batch.events;
    deliveries += batch.deliveries;
    if (batch.events < BATCH) return { events, deliveries };
  }
}

export interface DeliverData {
  deliveryId: string;
  /** An admin's "Redeliver": one attempt now, no automatic retries after it. */
  manual?: boolean;
}

export type DeliverOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped' | 'gone';

/**
 * The `webhooks.deliver` job: one signed POST of one delivery, outside any transaction, then the
 * attempt is logged and the delivery moved on in a short one: succeeded; or a retry job after the
 * backoff; or failed. A subscription failing long enough is paused. A crash between the POST and
 * the log makes pg-boss run the job again: at least once, never lost (receivers dedupe by event id).
 */
export async function deliverWebhook(
  db: Db,
  data: DeliverData,
  context: Pick<JobContext, 'env'> & { now?: () => Date } = { env: process.env },
): Promise<DeliverOutcome> {
  const now = context.now ?? (() => new Date());
  const [row] = await db
    .select({
      status: webhookDeliveries.status,
      subscriptionId: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      secret: webhookSubscriptions.secret,
      previousSecret: webhookSubscriptions.previousSecret,
      previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      pausedAt: webhookSubscriptions.pausedAt,
      eventId: webhookEvents.id,
      type: webhookEvents.type,
      createdAt: webhookEvents.createdAt,
      payload: webhookEvents.payload,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, data.deliveryId));
  if (!row) return 'gone';
  if (row.status !== 'pending') return 'skipped';
  const isTest = row.type === TEST_EVENT_TYPE;
  if (row.pausedAt && !isTest) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'skipped', nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.id, data.deliveryId), eq(webhookDeliveries.status, 'pending')));
    return 'skipped';
  }
  const body = eventBody({ id: row.eventId, type: row.type, createdAt: row.createdAt, payload: row.payload });
  const at = now();
  const timestamp = Math.floor(at.getTime() / 1000);
  const secrets = [row.secret];
  if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > at)
    secrets.push(row.previousSecret);
  const result = await postWebhook(
    row.url,
    body,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Cairn-Webhooks/1.0',
      'X-Cairn-Event': row.type,
      'X-Cairn-Event-Id': row.eventId,
      'X-Cairn-Delivery': data.deliveryId,
      'X-Cairn-Timestamp': String(timestamp),
      [SIGNATURE_HEADER]: signatureHeader(secrets, timestamp, body),
    },
    { allowPrivate: allowPrivateTargets(context.env) },
  );
  return recordAttempt(db, data, { subscriptionId: row.subscriptionId, isTest }, result, at, context.env);
}

async function recordAttempt(
  db: Db,
  data: DeliverData,
  target: { subscriptionId: string; isTest: boolean },
  result: PostResult,
  at: Date,
  env: Record<string, string | undefined>,
): Promise<DeliverOutcome> {
  const succeeded = result.error === null;
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, data.deliveryId))
      .for('update');
    if (!delivery) return 'gone';
    const attempt = delivery.attempts + 1;
    await tx.insert(webhookAttempts).values({
      deliveryId: data.deliveryId,
      attempt,
      at,
      durationMs: result.durationMs,
      responseStatus: result.status,
      responseBody: result.body,
      error: result.error,
    });
    const delay = succeeded || data.manual ? null : retryDelaySeconds(attempt, retryBaseSeconds(env));
    const outcome: DeliverOutcome = succeeded ? 'succeeded' : delay === null ? 'failed' : 'retrying';
    // A duplicate run of a delivery already settled only adds its line to the log.
    if (delivery.status === 'pending') {
      await tx
        .update(webhookDeliveries)
        .set({
          status: outcome === 'retrying' ? 'pending' : outcome,
          attempts: attempt,
          lastAttemptAt: at,
          responseStatus: result.status,
          nextAttemptAt: delay === null ? null : new Date(at.getTime() + delay * 1000),
        })
        .where(eq(webhookDeliveries.id, data.deliveryId));
      if (delay !== null) await enqueue(tx, 'webhooks.deliver', { deliveryId: data.deliveryId }, { startAfter: delay });
    }
    // Test events say whether the receiver works; they neither pause nor revive a subscription.
    if (!target.isTest) await trackHealth(tx, target.subscriptionId, succeeded, at);
    return outcome;
  });
}

async function trackHealth(tx: Db, subscriptionId: string, succeeded: boolean, at: Date): Promise<void> {
  if (succeeded) {
    await tx
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: 0, failingSince: null })
      .where(and(eq(webhookSubscriptions.id, subscriptionId), sql`${webhookSubscriptions.consecutiveFailures} > 0`));
    return;
  }
  const [sub] = await tx
    .update(webhookSubscriptions)
    .set({
      consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`,
      failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, ${at.toISOString()}::timestamptz)`,
    })
    .where(eq(webhookSubscriptions.id, subscriptionId))
    .returning();
  if (!sub || sub.pausedAt || !shouldPause({ ...sub, now: at })) return;
  const reason = `Paused automatically: ${sub.consecutiveFailures} attempts in a row failed since ${sub.failingSince!.toISOString()}.`;
  await tx
    .update(webhookSubscriptions)
    .set({ pausedAt: at, pausedReason: reason, updatedAt: at })
    .where(eq(webhookSubscriptions.id, subscriptionId));
  await recordAudit(tx, null, {
    action: 'webhook.paused',
    entityType: 'webhook',
    entityId: sub.id,
    entityLabel: sub.name,
    before: { paused: false },
    after: { paused: true, reason },
  });
  await tellOwner(tx, sub);
}

/**
 * The subscription's owner (its creator, if still an active admin; else every active admin) is told
 * in the app (the bell, linking to the subscription) and by e-mail (always: a paused webhook loses events).
 */
async function tellOwner(tx: Db, sub: { id: string; name: string; url: string; createdById: string | null }) {
  const admins = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  const owner = admins.find((a) => a.id === sub.createdById);
  const told = owner ? [owner] : admins;
  if (told.length === 0) return;
  await tx.insert(notifications).values(
    told.map((person) => ({
      userId: person.id,
      ticketId: null,
      link: `/admin/webhooks/${sub.id}`,
      kind: 'webhook_paused' as const,
      summary: `Webhook "${sub.name}" was paused: it kept failing.`,
    })),
  );
  await notifyNotifications(
    tx,
    told.map((p) => p.id),
  );
  for (const person of told) {
    await queueMail(tx, {
      kind: 'webhook_paused',
      to: person.email,
      mail: webhookPausedMail({
        name: person.name,
        subscription: sub,
        failures: PAUSE_AFTER_FAILURES,
        hours: PAUSE_AFTER_HOURS,
      }),
      ticketId: null,
    });
  }
}
