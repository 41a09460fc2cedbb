import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  notifications,
  tickets,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '@/db/schema';
import { recordWebhookEvents } from '@/lib/webhooks/record';

const HOUR = 3_600_000;

/**
 * Webhooks in the demo (/admin/webhooks): "CRM sync", active, with a delivery log of recent
 * requests (one delivered on its third attempt after a 503 and a timeout), and "Ops chat relay",
 * paused automatically after failing for a day, its owner told. The receivers' `.example` hosts
 * do not exist, so what the demo sends from now on fails honestly in the log. Runs after the
 * other seeds (their use cases' events are not in the log); everything is relative to `now`.
 */
export async function seedWebhooks(db: Db, now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.test'));
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const [crm, chat] = await tx
      .insert(webhookSubscriptions)
      .values([
        {
          name: 'CRM sync',
          url: 'https://crm.example/hooks/cairn',
          events: ['ticket.created', 'ticket.updated', 'ticket.resolved', 'ticket.closed', 'cern.raised'],
          secret: 'whsec_demo-crm-sync-not-a-real-secret',
          createdById: admin?.id ?? null,
          createdAt: at(24 * 20),
          updatedAt: at(24 * 20),
        },
        {
          name: 'Ops chat relay',
          url: 'https://chat.example/relay/cairn',
          events: ['sla.breached', 'cern.raised'],
          secret: 'whsec_demo-chat-relay-not-a-real-secret',
          createdById: admin?.id ?? null,
          createdAt: at(24 * 40),
          updatedAt: at(3),
        },
      ])
      .returning({ id: webhookSubscriptions.id });
    // The newest requests, as the outbox would have recorded them (the same payload builder).
    const recent = await tx.select({ id: tickets.id }).from(tickets).orderBy(asc(tickets.number)).limit(8);
    await recordWebhookEvents(
      tx,
      null,
      recent.map((t, i) => ({ ticketId: t.id, type: i < 5 ? 'created' : 'sla_breached' })),
    );
    await tx
      .update(webhookSubscriptions)
      .set({
        pausedAt: at(3),
        pausedReason: `Paused automatically: 15 attempts in a row failed since ${at(30).toISOString()}.`,
        consecutiveFailures: 15,
        failingSince: at(30),
      })
      .where(eq(webhookSubscriptions.id, chat!.id));
    const events = await tx
      .select({ id: webhookEvents.id, ticketId: webhookEvents.ticketId })
      .from(webhookEvents)
      .where(
        inArray(
          webhookEvents.ticketId,
          recent.map((t) => t.id),
        ),
      );
    const order = new Map(recent.map((t, i) => [t.id, i]));
    events.sort((a, b) => order.get(a.ticketId!)! - order.get(b.ticketId!)!);
    for (const [i, e] of events.entries()) {
      const created = at(40 - i * 5);
      await tx
        .update(webhookEvents)
        .set({ createdAt: created, dispatchedAt: created })
        .where(eq(webhookEvents.id, e.id));
      const toChat = i >= 5;
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({
          subscriptionId: toChat ? chat!.id : crm!.id,
          eventId: e.id,
          status: toChat ? 'failed' : 'succeeded',
          attempts: toChat ? 10 : i === 4 ? 3 : 1,
          lastAttemptAt: created,
          responseStatus: toChat ? null : 200,
          createdAt: created,
        })
        .returning({ id: webhookDeliveries.id });
      const attempts = toChat
        ? Array.from({ length: 10 }, (_, n) => ({
            attempt: n + 1,
            durationMs: 12 + n,
            responseStatus: null,
            responseBody: null,
            error: 'getaddrinfo ENOTFOUND chat.example',
          }))
        : i === 4
          ? [
              {
                attempt: 1,
                durationMs: 184,
                responseStatus: 503,
                responseBody: 'Service Unavailable',
                error: 'HTTP 503.',
              },
              {
                attempt: 2,
                durationMs: 10_000,
                responseStatus: null,
                responseBody: null,
                error: 'No answer within 10 s.',
              },
              { attempt: 3, durationMs: 142, responseStatus: 200, responseBody: '{"received":true}', error: null },
            ]
          : [
              {
                attempt: 1,
                durationMs: 90 + i * 7,
                responseStatus: 200,
                responseBody: '{"received":true}',
                error: null,
              },
            ];
      await tx.insert(webhookAttempts).values(
        attempts.map((a) => ({
          ...a,
          deliveryId: delivery!.id,
          at: new Date(created.getTime() + a.attempt * 60_000),
        })),
      );
    }
    // The events were recorded "by hand": their dispatch job has nothing left to do.
    await tx.execute(sql`update webhook_events set dispatched_at = created_at where dispatched_at is null`);
    if (admin)
      await tx.insert(notifications).values({
        userId: admin.id,
        ticketId: null,
        link: `/admin/webhooks/${chat!.id}`,
        kind: 'webhook_paused',
        summary: 'Webhook "Ops chat relay" was paused: it kept failing.',
        createdAt: at(3),
      });
  });
}
