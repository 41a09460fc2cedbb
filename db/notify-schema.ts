import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { tickets, users } from './schema';

/** Agent notifications (issue 12): derived from ticket events in lib/notifications/notify.ts. */

export const notificationKindEnum = pgEnum('notification_kind', [
  'assigned',
  'customer_replied',
  'cern_changed',
  'mentioned',
  // Issue 13: a survey answered "not fixed" reopened the request; a detractor needs a call back;
  // an exception's customer has had no update for N days; a follow-up call is due.
  'not_fixed',
  'detractor',
  'update_due',
  'follow_up_call',
  // Issue 14: an SLA target is about to be missed / was missed (lib/sla/watch.ts).
  'sla_warning',
  'sla_breached',
  // Issue 15: a webhook subscription kept failing and was paused (lib/webhooks/deliver.ts); no request, a link.
  'webhook_paused',
]);

/**
 * One row per person told about something on a request. `summary` is written once, in the words
 * of the moment ("Assigned to you by Ada Lovelace"); the bell and /notifications read it as is.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null for a notification about no request (a paused webhook): then `link` says where to go. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** An app path (e.g. `/admin/webhooks/<id>`) for a notification without a request. */
    link: text('link'),
    kind: notificationKindEnum('kind').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // The bell: "unread of user X, newest first" and the count; /notifications pages by (created_at, id).
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    index('notifications_user_recent_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notifications_ticket_idx').on(t.ticketId),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type NotificationKind = (typeof notificationKindEnum.enumValues)[number];
