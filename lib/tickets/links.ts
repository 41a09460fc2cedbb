import { eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { ticketLinks, tickets, type Ticket } from '@/db/schema';

export interface LinkedTicket {
  number: number;
  subject: string;
  status: Ticket['status'];
  kind: 'related' | 'merged_into' | 'merged_from';
}

/** The requests linked to one, in both directions. */
export async function linksOf(db: Db, ticketId: string): Promise<LinkedTicket[]> {
  // Both directions in one statement (UNION ALL), outgoing first.
  const columns = { number: tickets.number, subject: tickets.subject, status: tickets.status, kind: ticketLinks.kind };
  const rows = await unionAll(
    db
      .select({ ...columns, incoming: sql<boolean>`false`.as('incoming') })
      .from(ticketLinks)
      .innerJoin(tickets, eq(tickets.id, ticketLinks.linkedTicketId))
      .where(eq(ticketLinks.ticketId, ticketId)),
    db
      .select({ ...columns, incoming: sql<boolean>`true`.as('incoming') })
      .from(ticketLinks)
      .innerJoin(tickets, eq(tickets.id, ticketLinks.ticketId))
      .where(eq(ticketLinks.linkedTicketId, ticketId)),
  ).orderBy(sql`incoming`);
  return rows.map(({ incoming, ...l }) =>
    incoming && l.kind === 'merged_into' ? { ...l, kind: 'merged_from' as const } : l,
  );
}
