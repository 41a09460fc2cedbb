import { apiMerge } from '@/lib/api/tickets';
import { mergeTicketOp } from '@/lib/api/resources/tickets';
import { route } from '../../../public';

/** POST /api/v1/tickets/N/merge — this ticket into `into`. */
export const POST = route(mergeTicketOp, ({ db, actor, params, body }) => apiMerge(db, actor, params.number, body));
