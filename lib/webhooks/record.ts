import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { enqueue } from '@/lib/jobs/enqueue';
import { planWebhookEvents, type HistoryEvent } from './events';

/**
 * The transactional outbox on its own statement (the demo seed; appendEventsMany puts the same
 * INSERT, `webhookEventsInsert`, inside its history statement): writes the webhook events that
 * some active subscription wants, each with the request as it stands in this transaction, and —
 * only if it wrote any — one `webhooks.dispatch` job. A rolled-back change leaves neither; a
 * committed one always has both.
 */
export async function recordWebhookEvents(
  tx: Db,
  actorUserId: string | null,
  events: readonly HistoryEvent[],
): Promise<void> {
  const insert = webhookEventsInsert(actorUserId, events);
  if (!insert) return;
  await enqueueWebhookDispatch(tx, rowsOf<{ id: string }>(await tx.execute(insert)).length);
}

/**
 * The outbox's INSERT of `recordWebhookEvents` (returning the ids it wrote), or null when no event
 * could interest a subscription: for a caller that sends it inside a statement of its own
 * (`appendEventsMany`), then hands the number written to `enqueueWebhookDispatch`.
 */
export function webhookEventsInsert(actorUserId: string | null, events: readonly HistoryEvent[]): SQL | null {
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

/** One `webhooks.dispatch` job when the outbox got any event (none otherwise). */
export async function enqueueWebhookDispatch(tx: Db, written: number): Promise<void> {
  if (written > 0) await enqueue(tx, 'webhooks.dispatch', {});
}
