import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, surveys, tickets } from '@/db/schema';

export interface FeedbackRow {
  number: number;
  subject: string;
  customerName: string;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  answeredAt: Date;
}

/** The latest answered surveys, so a lead reads what customers actually said. */
export async function getRecentFeedback(db: Db, limit = 8): Promise<FeedbackRow[]> {
  const rows = await db
    .select({
      number: tickets.number,
      subject: tickets.subject,
      customerName: customers.name,
      csat: surveys.csat,
      nps: surveys.nps,
      comment: surveys.comment,
      answeredAt: surveys.answeredAt,
    })
    .from(surveys)
    .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(isNotNull(surveys.answeredAt))
    .orderBy(desc(surveys.answeredAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, answeredAt: r.answeredAt ?? new Date(0) }));
}
