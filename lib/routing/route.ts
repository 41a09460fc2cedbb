import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import { applyRules } from './rules';
import type { MatchRule } from './match';
import { assignWithinTeam } from './assignment';

/**
 * Routing of a new request (issue 14), inside its creating transaction, before the customer is
 * acknowledged: the admin's rules first (team, category, priority, tags, assignee — each action
 * an event naming the rule), then assignment within the resulting team by the team's mode
 * (manual, round-robin, least-loaded). Returns the ticket as saved.
 */
export async function routeNewTicket(
  tx: Db,
  ticket: Ticket,
  now: Date = new Date(),
  /** The rules for new requests, when the caller read them with its own reads (`rulesRead`). */
  rules?: MatchRule[],
): Promise<Ticket> {
  const ruled = await applyRules(tx, ticket, 'created', { now, rules });
  return assignWithinTeam(tx, ruled, now);
}
