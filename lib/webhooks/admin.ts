import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
  type WebhookDeliveryStatus,
} from '@/db/schema';
import { changedFields, recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, fail, type Result } from '@/lib/core/result';
import { safeString, text } from '@/lib/core/fields';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';
import { allowPrivateTargets, urlProblem } from './address';
import { eventBody } from './deliver';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from './events';
import { newWebhookSecret } from './signature';

/** After a rotation the old secret keeps signing (a second `v1=`) this long. */
export const ROTATION_OVERLAP_HOURS = 24;
export const LOG_SIZE = 50;

const NOT_FOUND = 'That webhook does not exist (any more).';

const urlField = safeString({ error: 'URL is required.' })
  .trim()
  .min(1, 'URL is required.')
  .max(2000, 'URL must be at most 2,000 characters.')
  .superRefine((value, ctx) => {
    const problem = urlProblem(value, allowPrivateTargets());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const eventsField = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(WEBHOOK_EVENT_TYPES, 'Choose events from the list.'))
    .min(1, 'Choose at least one event.')
    .transform((list) => [...new Set(list)]),
);

export const subscriptionSchema = z.object({
  name: text('Name', 100),
  url: urlField,
  events: eventsField,
});
export const updateSchema = subscriptionSchema.extend({ id: z.uuid(NOT_FOUND) });
export const idSchema = z.object({ id: z.uuid(NOT_FOUND) });
export const deliverySchema = z.object({ id: z.uuid(NOT_FOUND), deliveryId: z.uuid('Unknown delivery.') });

export interface SubscriptionItem {
  id: string;
  name: string;
  url: string;
  events: string[];
  pausedAt: Date | null;
  pausedReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  createdByName: string | null;
  /** Deliveries by status. */
  counts: Record<WebhookDeliveryStatus, number>;
}

const summary = {
  id: webhookSubscriptions.id,
  name: webhookSubscriptions.name,
  url: webhookSubscriptions.url,
  events: webhookSubscriptions.events,
  pausedAt: webhookSubscriptions.pausedAt,
  pausedReason: webhookSubscriptions.pausedReason,
  consecutiveFailures: webhookSubscriptions.consecutiveFailures,
  createdAt: webhookSubscriptions.createdAt,
  createdByName: users.name,
};

async function withCounts(db: Db, rows: Omit<SubscriptionItem, 'counts'>[]): Promise<SubscriptionItem[]> {
  if (rows.length === 0) return [];
  const counts = await db
    .select({ id: webhookDeliveries.subscriptionId, status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .where(
      inArray(
        webhookDeliveries.subscriptionId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(webhookDeliveries.subscriptionId, webhookDeliveries.status);
  return rows.map((r) => {
    const c = { pending: 0, succeeded: 0, failed: 0, skipped: 0 };
    for (const row of counts) if (row.id === r.id) c[row.status] = row.n;
    return { ...r, counts: c };
  });
}

/** /admin/webhooks: every subscription (never its secret), newest first. */
export async function listSubscriptions(db: Db, actor: Actor): Promise<SubscriptionItem[]> {
  requirePermission(actor, 'admin');
  const rows = await db
    .select(summary)
    .from(webhookSubscriptions)
    .leftJoin(users, eq(users.id, webhookSubscriptions.createdById))
    .orderBy(desc(webhookSubscriptions.createdAt));
  return withCounts(db, rows);
}

export interface DeliveryItem {
  id: string;
  eventId: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  /** The exact body every attempt sent. */
  requestBody: string;
  log: {
    attempt: number;
    at: Date;
    durationMs: number;
    responseStatus: number | null;
    responseBody: string | null;
    error: string | null;
  }[];
}

/** One subscription and its delivery log (the newest LOG_SIZE deliveries, each with its attempts). */
export function getSubscription(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ subscription: SubscriptionItem; deliveries: DeliveryItem[] }>> {
  const parsed = idSchema.safeParse(raw);
  return attempt(async () => {
    requirePermission(actor, 'admin');
    if (!parsed.success) fail('not_found', NOT_FOUND);
    const [row] = await db
      .select(summary)
      .from(webhookSubscriptions)
      .leftJoin(users, eq(users.id, webhookSubscriptions.createdById))
      .where(eq(webhookSubscriptions.id, parsed.data.id));
    if (!row) fail('not_found', NOT_FOUND);
    const [subscription] = await withCounts(db, [row]);
    const deliveries = await db
      .select({
        id: webhookDeliveries.id,
        eventId: webhookEvents.id,
        type: webhookEvents.type,
        eventCreatedAt: webhookEvents.createdAt,
        payload: webhookEvents.payload,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        createdAt: webhookDeliveries.createdAt,
        lastAttemptAt: webhookDeliveries.lastAttemptAt,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        responseStatus: webhookDeliveries.responseStatus,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.subscriptionId, row.id))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(LOG_SIZE);
    const log =
      deliveries.length === 0
        ? []
        : await db
            .select()
            .from(webhookAttempts)
            .where(
              inArray(
                webhookAttempts.deliveryId,
                deliveries.map((d) => d.id),
              ),
            )
            .orderBy(desc(webhookAttempts.attempt));
    return {
      subscription: subscription!,
      deliveries: deliveries.map(({ eventCreatedAt, payload, ...d }) => ({
        ...d,
        requestBody: eventBody({ id: d.eventId, type: d.type, createdAt: eventCreatedAt, payload }),
        log: log
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({
            attempt: a.attempt,
            at: a.at,
            durationMs: a.durationMs,
            responseStatus: a.responseStatus,
            responseBody: a.responseBody,
            error: a.error,
          })),
      })),
    };
  });
}

async function lockSubscription(tx: Db, id: string) {
  const [sub] = await tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).for('update');
  if (!sub) fail('not_found', NOT_FOUND);
  return sub;
}

/** A new subscription; its secret is in the result and never shown again. */
export function createSubscription(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ id: string; secret: string }>> {
  return runUseCase(db, subscriptionSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const secret = newWebhookSecret();
    const [sub] = await tx
      .insert(webhookSubscriptions)
      .values({ ...input, secret, createdById: actor.userId })
      .returning({ id: webhookSubscriptions.id });
    await recordAudit(tx, actor, {
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: sub!.id,
      entityLabel: input.name,
      after: { url: input.url, events: input.events },
    });
    return { id: sub!.id, secret };
  });
}

export function updateSubscription(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  return runUseCase(db, updateSchema, raw, async (tx, { id, ...input }) => {
    requirePermission(actor, 'admin');
    const sub = await lockSubscription(tx, id);
    const changed = changedFields({ name: sub.name, url: sub.url, events: sub.events }, input);
    if (!changed) return { id };
    await tx
      .update(webhookSubscriptions)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, actor, {
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: id,
      entityLabel: input.name,
      ...changed,
    });
    return { id };
  });
}

/** A new secret (shown once); the old one also signs for ROTATION_OVERLAP_HOURS. */
export function rotateSecret(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string; secret: string }>> {
  return runUseCase(db, idSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const sub = await lockSubscription(tx, id);
    const secret = newWebhookSecret();
    await tx
      .update(webhookSubscriptions)
      .set({
        secret,
        previousSecret: sub.secret,
        previousSecretExpiresAt: sql`now() + ${`${ROTATION_OVERLAP_HOURS} hours`}::interval`,
        updatedAt: new Date(),
      })
      .where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, actor, {
      action: 'webhook.secret_rotated',
      entityType: 'webhook',
      entityId: id,
      entityLabel: sub.name,
    });
    return { id, secret };
  });
}

export function setPaused(db: Db, actor: Actor, raw: unknown, paused: boolean): Promise<Result<{ id: string }>> {
  return runUseCase(db, idSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const sub = await lockSubscription(tx, id);
    if (Boolean(sub.pausedAt) === paused) return { id };
    await tx
      .update(webhookSubscriptions)
      .set(
        paused
          ? { pausedAt: new Date(), pausedReason: 'Paused by an administrator.', updatedAt: new Date() }
          : { pausedAt: null, pausedReason: null, consecutiveFailures: 0, failingSince: null, updatedAt: new Date() },
      )
      .where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, actor, {
      action: paused ? 'webhook.paused' : 'webhook.resumed',
      entityType: 'webhook',
      entityId: id,
      entityLabel: sub.name,
      before: { paused: !paused },
      after: { paused },
    });
    return { id };
  });
}

export function deleteSubscription(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  return runUseCase(db, idSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const sub = await lockSubscription(tx, id);
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, actor, {
      action: 'webhook.deleted',
      entityType: 'webhook',
      entityId: id,
      entityLabel: sub.name,
      before: { url: sub.url, events: sub.events },
    });
    return { id };
  });
}

/** "Send test event": a `webhook.test` event to this one subscription (paused or not), through the usual jobs. */
export function sendTestEvent(db: Db, actor: Actor, raw: unknown): Promise<Result<{ eventId: string }>> {
  return runUseCase(db, idSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const sub = await lockSubscription(tx, id);
    const [event] = await tx
      .insert(webhookEvents)
      .values({
        type: TEST_EVENT_TYPE,
        subscriptionId: sub.id,
        payload: { message: 'A test event from Cairn.', subscription: { id: sub.id, name: sub.name } },
      })
      .returning({ id: webhookEvents.id });
    await enqueue(tx, 'webhooks.dispatch', {});
    return { eventId: event!.id };
  });
}

/**
 * "Redeliver": the same event (same id, same body, a fresh signature) once more, now, by a job;
 * no automatic retries follow a manual one. Not while the delivery is still being tried.
 */
export function redeliver(db: Db, actor: Actor, raw: unknown): Promise<Result<{ deliveryId: string }>> {
  return runUseCase(db, deliverySchema, raw, async (tx, { id, deliveryId }) => {
    requirePermission(actor, 'admin');
    const [delivery] = await tx
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, id)))
      .for('update');
    if (!delivery) fail('not_found', 'That delivery does not exist (any more).');
    if (delivery.status === 'pending') fail('conflict', 'This delivery is still being tried; wait for it to settle.');
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, deliveryId));
    await enqueue(tx, 'webhooks.deliver', { deliveryId, manual: true });
    await recordAudit(tx, actor, {
      action: 'webhook.redelivered',
      entityType: 'webhook',
      entityId: id,
      entityLabel: deliveryId,
      before: { status: delivery.status },
      after: { status: 'pending' },
    });
    return { deliveryId };
  });
}
