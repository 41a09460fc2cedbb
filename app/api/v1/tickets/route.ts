import { apiCreateTicket, apiListTickets } from '@/lib/api/tickets';
import { createTicket, listTickets } from '@/lib/api/resources/tickets';
import { route } from '../public';

/** GET /api/v1/tickets — the views' filters, a page at a time (docs/api.md). */
export const GET = route(listTickets, ({ db, actor, query }) => apiListTickets(db, actor, query));

/** POST /api/v1/tickets — a ticket for a customer, as an agent logs a contact. */
export const POST = route(createTicket, ({ db, actor, body, request }) =>
  apiCreateTicket(db, actor, body, request.headers.get('idempotency-key')),
);
