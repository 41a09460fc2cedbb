import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** PostgreSQL NOTIFY channels: every app instance LISTENs and fans out to its browsers. */
export const TICKET_CHANNEL = 'cairn_ticket_changes';
export const PRESENCE_CHANNEL = 'cairn_presence';
/** `{ "userId": … }`: that person's notifications changed (new ones, or read elsewhere). */
export const NOTIFICATION_CHANNEL = 'cairn_notifications';

/** What changed, small enough for NOTIFY's 8 kB limit: clients refetch what they show. */
export interface TicketChange {
  ticketId: string;
  number: number;
  type: string;
  actorUserId: string | null;
  at: string;
}

export type PresenceState = 'viewing' | 'typing' | 'left';

export interface PresenceSignal {
  number: number;
  userId: string;
  name: string;
  state: PresenceState;
  at: string;
}

/**
 * Announces ticket changes: one statement, one notification each (a bulk change of 500 is one
 * round trip). Called inside the change's own transaction: PostgreSQL delivers the notifications
 * only if and when that transaction commits, so nobody hears of a rolled-back change.
 */
export async function notifyTicketChanges(tx: Db, changes: TicketChange[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.execute(ticketChangesNotice(changes));
}

/**
 * The statement of `notifyTicketChanges` (a SELECT), for a caller that sends it as the last part
 * of its own statement (`appendEventsMany`: the events' INSERT and the NOTIFY in one round trip).
 */
export function ticketChangesNotice(changes: readonly TicketChange[]): SQL {
  const payloads = sql.join(
    changes.map((c) => sql`(${JSON.stringify(c)})`),
    sql`, `,
  );
  return sql`select pg_notify(${TICKET_CHANNEL}, p.payload) from (values ${payloads}) as p(payload)`;
}

export async function notifyPresence(db: Db, signal: PresenceSignal): Promise<void> {
  await db.execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(signal)})`);
}

/**
 * Tells every instance whose notifications changed, one notification per person, delivered at
 * commit. Only ids travel: the SSE route forwards each to that person's streams, which refetch.
 */
export async function notifyNotifications(tx: Db, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const payloads = sql.join(
    userIds.map((userId) => sql`(${JSON.stringify({ userId })})`),
    sql`, `,
  );
  await tx.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, p.payload) from (values ${payloads}) as p(payload)`);
}
