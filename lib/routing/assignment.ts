import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';

/** Assignment within a team (issue 14): manual, round-robin or least-loaded. Not built yet. */
export async function assignWithinTeam(_tx: Db, ticket: Ticket): Promise<Ticket> {
  return ticket;
}
