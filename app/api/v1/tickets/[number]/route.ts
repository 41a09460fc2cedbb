import { apiGetTicket, apiUpdateTicket } from '@/lib/api/tickets';
import { getTicket, updateTicket } from '@/lib/api/resources/tickets';
import { route } from '../../public';

/** GET /api/v1/tickets/N — the ticket; its ETag is the version. */
export const GET = route(getTicket, ({ db, actor, params }) => apiGetTicket(db, actor, params.number));

/** PATCH /api/v1/tickets/N — identification, waiting status, tags (If-Match required). */
export const PATCH = route(updateTicket, ({ db, actor, params, version, body }) =>
  apiUpdateTicket(db, actor, params.number, version, body),
);
