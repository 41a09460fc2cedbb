import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';

/** Routing rules (issue 14): evaluated in order on creation and on update. Not built yet. */
export async function applyRules(_tx: Db, ticket: Ticket, _trigger: 'created' | 'updated'): Promise<Ticket> {
  return ticket;
}
