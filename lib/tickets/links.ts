import { eq } from 'drizzle-orm';
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
  const outgoing = await db
    .select({ number: tickets.number, subject: tickets.subject, status: tickets.status, kind: ticketLinks.kind })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, ticketLinks.linkedTicketId))
    .where(eq(ticketLinks.ticketId, ticketId));
  const incoming = await db
    .select({ number: tickets.number, subject: tickets.subject, status: tickets.status, kind: ticketLinks.kind })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, ticketLinks.ticketId))
    .where(eq(ticketLinks.linkedTicketId, ticketId));
  return [
    ...outgoing,
    ...incoming.map((l) => ({ ...l, kind: l.kind === 'merged_into' ? ('merged_from' as const) : l.kind })),
  ];
}
