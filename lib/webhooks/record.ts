import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { enqueue } from '@/lib/jobs/enqueue';
import { planWebhookEvents, type HistoryEvent } from './events';

/**
 * The transactional outbox, as an `insert … select` for a WITH clause: writes the webhook events
 * of `events` that some active subscription wants, each with the request as it stands in this
 * transaction, and returns one row per event written. appendEventsMany (lib/tickets/store.ts)
 * puts it in the same statement as the history insert, so a change costs no extra statement when
 * nobody subscribed, and the subscription check is as fresh as the statement (no cached flag
 * to go stale across app instances: a subscription created a moment ago already gets events).
 * Null when no event is of a type a subscription could choose.
 */
export function webhookOutboxInsert(actorUserId: string | null, events: readonly HistoryEvent[]): SQL | null {
  const planned = planWebhookEvents(events);
  if (planned.length === 0) return null;
  return sql`
      insert into webhook_events (type, ticket_id, payload)
      select v.type, t.id, jsonb_build_object(
        'ticket', jsonb_build_object(
          'id', t.id, 'number', t.number, 'cern', t.cern, 'subject', t.subject, 'channel', t.channel,
          'stage', t.stage, 'status', t.status, 'priority', t.priority, 'severity', t.severity,
          'impact', t.impact, 'category_id', t.category_id, 'customer_id', t.customer_id,
          'team_id', t.team_id, 'assignee_id', t.assignee_id, 'created_at', t.created_at,
          'updated_at', t.updated_at, 'resolved_at', t.resolved_at, 'closed_at', t.closed_at),
        'changes', v.changes,
        'actor', (select jsonb_build_object('id', u.id, 'name', u.name, 'role', u.role)
                  from users u where u.id = ${actorUserId}::uuid))
      from jsonb_to_recordset(${JSON.stringify(planned)}::jsonb) as v(type text, "ticketId" uuid, changes jsonb)
      join tickets t on t.id = v."ticketId"
      where exists (
        select 1 from webhook_subscriptions s where s.paused_at is null and s.events @> array[v.type])
      returning id`;
}

/** After the outbox wrote `written` events: one `webhooks.dispatch` job (only then: none, no job). */
export async function afterWebhookOutbox(tx: Db, written: number): Promise<void> {
  if (written > 0) await enqueue(tx, 'webhooks.dispatch', {});
}

/**
 * The outbox on its own (the demo seed): one statement, then the dispatch job if it wrote any.
 * A rolled-back change leaves neither; a committed one always has both.
 */
export async function recordWebhookEvents(
  tx: Db,
  actorUserId: string | null,
  events: readonly HistoryEvent[],
): Promise<void> {
  const insert = webhookOutboxInsert(actorUserId, events);
  if (!insert) return;
  const [row] = rowsOf<{ written: number }>(
    await tx.execute(sql`with outbox as (${insert}) select count(*)::int as written from outbox`),
  );
  await afterWebhookOutbox(tx, row?.written ?? 0);
}
