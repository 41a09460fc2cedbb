import { apiNote } from '@/lib/api/tickets';
import { postNote } from '@/lib/api/resources/tickets';
import { route } from '../../../public';

/** POST /api/v1/tickets/N/notes — an internal note. */
export const POST = route(postNote, ({ db, actor, params, body }) => apiNote(db, actor, params.number, body));
