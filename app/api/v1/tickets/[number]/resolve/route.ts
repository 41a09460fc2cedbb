import { apiResolve } from '@/lib/api/tickets';
import { resolveTicketOp } from '@/lib/api/resources/tickets';
import { route } from '../../../public';

/** POST /api/v1/tickets/N/resolve — resolve with a summary (If-Match required). */
export const POST = route(resolveTicketOp, ({ db, actor, params, version, body }) =>
  apiResolve(db, actor, params.number, version, body),
);
