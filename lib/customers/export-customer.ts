import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  attachments,
  customerErasures,
  customers,
  importKeys,
  messageColumns,
  messages,
  organizations,
  sessions,
  surveys,
  ticketColumns,
  ticketEvents,
  tickets,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';

/** Bumped when the shape below changes, so a reader of an old export knows what it holds. */
export const CUSTOMER_EXPORT_VERSION = 1;

/**
 * Everything Cairn holds about one customer, as one JSON document (a data-protection access
 * request): the record and its organization, the portal login (no password hash) and its
 * sessions, every request with its messages (internal notes included: the admin decides what to
 * hand over), attachments' metadata (not their bytes), surveys (without their link tokens) and
 * the request's events. Admins only; audited as `customer.exported`.
 */
export async function exportCustomer(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ fileName: string; document: Record<string, unknown> }>> {
  return runUseCase(db, z.object({ customerId: z.uuid('Unknown customer.') }), raw, async (tx, { customerId }) => {
    requirePermission(actor, 'admin');
    const [profile] = await tx
      .select({ customer: customers, organization: organizations.name })
      .from(customers)
      .leftJoin(organizations, eq(organizations.id, customers.organizationId))
      .where(eq(customers.id, customerId));
    if (!profile) fail('not_found', 'No such customer.');
    const [erasure] = await tx.select().from(customerErasures).where(eq(customerErasures.customerId, customerId));
    const logins = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        emailVerifiedAt: users.emailVerifiedAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.customerId, customerId));
    const loginSessions =
      logins.length > 0
        ? await tx
            .select({
              id: sessions.id,
              createdAt: sessions.createdAt,
              lastSeenAt: sessions.lastSeenAt,
              userAgent: sessions.userAgent,
              revokedAt: sessions.revokedAt,
            })
            .from(sessions)
            .where(
              inArray(
                sessions.userId,
                logins.map((l) => l.id),
              ),
            )
        : [];
    const requests = await tx
      .select(ticketColumns)
      .from(tickets)
      .where(eq(tickets.customerId, customerId))
      .orderBy(asc(tickets.createdAt));
    const ids = requests.map((t) => t.id);
    const none = ids.length === 0;
    const thread = none
      ? []
      : await tx
          .select(messageColumns)
          .from(messages)
          .where(inArray(messages.ticketId, ids))
          .orderBy(asc(messages.createdAt));
    const files = none
      ? []
      : await tx
          .select({
            id: attachments.id,
            ticketId: attachments.ticketId,
            messageId: attachments.messageId,
            filename: attachments.filename,
            contentType: attachments.contentType,
            size: attachments.size,
            createdAt: attachments.createdAt,
          })
          .from(attachments)
          .where(inArray(attachments.ticketId, ids));
    const answers = none
      ? []
      : await tx
          .select({
            ticketId: surveys.ticketId,
            sentAt: surveys.sentAt,
            csat: surveys.csat,
            nps: surveys.nps,
            fixed: surveys.fixed,
            confirmed: surveys.confirmed,
            comment: surveys.comment,
            answeredAt: surveys.answeredAt,
          })
          .from(surveys)
          .where(inArray(surveys.ticketId, ids));
    const events = none
      ? []
      : await tx.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, ids)).orderBy(asc(ticketEvents.id));
    const refs = none
      ? []
      : await tx
          .select({ entityId: importKeys.entityId, source: importKeys.source, externalId: importKeys.externalId })
          .from(importKeys)
          .where(inArray(importKeys.entityId, ids));
    const document = {
      format: 'cairn.customer-export',
      version: CUSTOMER_EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      customer: { ...profile.customer, organization: profile.organization, erasedAt: erasure?.erasedAt ?? null },
      logins: logins.map((l) => ({ ...l, sessions: loginSessions })),
      tickets: requests.map((t) => ({
        ...t,
        externalReferences: refs
          .filter((r) => r.entityId === t.id)
          .map(({ source, externalId }) => ({ source, externalId })),
        messages: thread.filter((m) => m.ticketId === t.id),
        attachments: files.filter((f) => f.ticketId === t.id),
        survey: answers.find((s) => s.ticketId === t.id) ?? null,
        events: events.filter((e) => e.ticketId === t.id),
      })),
    };
    await recordAudit(tx, actor, {
      action: 'customer.exported',
      entityType: 'customer',
      entityId: customerId,
      entityLabel: profile.customer.name,
      after: { tickets: requests.length },
    });
    return { fileName: `customer-${customerId}.json`, document };
  });
}
