import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { tickets, users } from './schema';

/**
 * Webhooks (issue 15, lib/webhooks): admins subscribe a URL to event types; every event is written
 * in the transaction of the change that caused it (`webhook_events`, the outbox), fanned out to the
 * subscriptions by a job (`webhook_deliveries`), and each HTTP attempt is logged (`webhook_attempts`).
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** Event types (lib/webhooks/events.ts WEBHOOK_EVENT_TYPES), e.g. `ticket.created`. */
    events: text('events').array().notNull(),
    /** The signing secret (`whsec_…`). Shown once, at creation or rotation; needed in clear to sign. */
    secret: text('secret').notNull(),
    /** After a rotation the old secret also signs until this time (a second `v1=`), so receivers can switch. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** The admin told when the subscription is paused for failing. */
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedReason: text('paused_reason'),
    /** HTTP attempts that failed in a row (any success resets it) and when the first of them failed. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_subscriptions_active_idx')
      .using('gin', t.events)
      .where(sql`${t.pausedAt} is null`),
  ],
);

/**
 * The outbox: one row per event someone subscribed to, written in the same transaction as the
 * change (appendEventsMany), so a rolled-back change has none and a committed one always has it.
 * `id` is the event id receivers dedupe by; `payload` is fixed at commit, so every delivery and
 * redelivery sends the same body.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    /** A test event goes to this one subscription only; null: every subscription to `type`. */
    subscriptionId: uuid('subscription_id').references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the `webhooks.dispatch` job once the deliveries exist. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_events_undispatched_idx')
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
    // The retention job's old dispatched events (lib/webhooks/retention.ts).
    index('webhook_events_dispatched_idx')
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is not null`),
  ],
);

export const webhookDeliveryStatusEnum = pgEnum('webhook_delivery_status', [
  'pending',
  'succeeded',
  'failed',
  'skipped',
]);

/** One event to one subscription: its state, attempts so far and the last result. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    status: webhookDeliveryStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A dispatch run twice (a retried job) makes no second delivery.
    uniqueIndex('webhook_deliveries_event_key').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_log_idx').on(t.subscriptionId, t.createdAt.desc(), t.id.desc()),
    // Deleting an event finds its deliveries (the cascade, the retention job's NOT EXISTS).
    index('webhook_deliveries_event_idx').on(t.eventId),
    // The retention job's old finished deliveries; pending ones are never its business.
    index('webhook_deliveries_finished_idx')
      .on(t.createdAt)
      .where(sql`${t.status} <> 'pending'`),
  ],
);

/** The delivery log: every HTTP attempt, its answer (truncated) and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
    /** The HTTP status; null when there was none (refused address, timeout, connection error). */
    responseStatus: integer('response_status'),
    /** The first 4 KiB of the answer. */
    responseBody: text('response_body'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

export type WebhookSubscription = typeof webhookSubscriptions.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatusEnum.enumValues)[number];
