import { apiListMessages, apiReply } from '@/lib/api/tickets';
import { listMessages, postReply } from '@/lib/api/resources/tickets';
import { route } from '../../../public';

/** GET /api/v1/tickets/N/messages — the conversation, internal notes included. */
export const GET = route(listMessages, ({ db, actor, params }) => apiListMessages(db, actor, params.number));

/** POST /api/v1/tickets/N/messages — a public reply (then: pending / on_hold / resolve with If-Match). */
export const POST = route(postReply, ({ db, actor, params, body, request }) =>
  apiReply(db, actor, params.number, body, request.headers.get('if-match')),
);
