import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  organizations,
  surveys,
  tickets,
  type Channel,
  type Customer,
  type Stage,
  type Status,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail } from '@/lib/core/result';

export interface CustomerProfile {
  customer: Customer & { organization: string | null };
  tickets: {
    number: number;
    cern: string | null;
    subject: string;
    channel: Channel;
    status: Status;
    stage: Stage;
    priority: number;
    createdAt: Date;
    resolvedAt: Date | null;
  }[];
  surveys: {
    number: number;
    csat: number | null;
    nps: number | null;
    comment: string | null;
    answeredAt: Date | null;
  }[];
  channels: Channel[];
}

/** The customer's whole history across channels, so nobody has to ask them twice. */
export async function getCustomerProfile(db: Db, actor: Actor, customerId: string): Promise<CustomerProfile> {
  requirePermission(actor, 'customer.read');
  if (!z.uuid().safeParse(customerId).success) fail('not_found', 'Customer not found.');
  const [row] = await db
    .select({ customer: customers, organization: organizations.name })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(eq(customers.id, customerId));
  if (!row) fail('not_found', 'Customer not found.');

  const history = await db
    .select({
      number: tickets.number,
      cern: tickets.cern,
      subject: tickets.subject,
      channel: tickets.channel,
      status: tickets.status,
      stage: tickets.stage,
      priority: tickets.priority,
      createdAt: tickets.createdAt,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .where(eq(tickets.customerId, customerId))
    .orderBy(desc(tickets.createdAt))
    .limit(500);

  const answered = await db
    .select({
      number: tickets.number,
      csat: surveys.csat,
      nps: surveys.nps,
      comment: surveys.comment,
      answeredAt: surveys.answeredAt,
    })
    .from(surveys)
    .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
    .where(eq(tickets.customerId, customerId))
    .orderBy(desc(surveys.answeredAt))
    .limit(100);

  return {
    customer: { ...row.customer, organization: row.organization },
    tickets: history,
    surveys: answered.filter((s) => s.answeredAt !== null),
    channels: [...new Set(history.map((t) => t.channel))],
  };
}
