import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { tickets, type Status } from './schema';

/**
 * What the customer of an exception (a request with a CERN) was last told, and when (issue 13:
 * progress updates). One row per exception, written by lib/progress/customer-updates.ts whenever
 * the customer is told something (the CERN raised mail, a public reply, a progress mail, the
 * resolution or closure mail). `lastStatus` is the status they know of, so a progress mail goes
 * out only when the status they would read has changed; `remindedAt` keeps the owner's reminder to
 * once per window. A missing row reads as "told when the exception was raised".
 */
export const customerUpdates = pgTable(
  'customer_updates',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    lastUpdatedAt: timestamp('last_updated_at', { withTimezone: true }),
    // A text, not the status enum: the enum lives in schema.ts, which imports this file.
    lastStatus: text('last_status').$type<Status>(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  // Read by primary key only: the reminder job starts from the open requests (the backlog's
  // partial index on tickets) and joins here.
);

export type CustomerUpdate = typeof customerUpdates.$inferSelect;
