import { apiTimeline } from '@/lib/api/tickets';
import { getTimeline } from '@/lib/api/resources/tickets';
import { route } from '../../../public';

/** GET /api/v1/tickets/N/timeline — messages and events and the version (the live ticket page polls this too). */
export const GET = route(getTimeline, ({ db, actor, params }) => apiTimeline(db, actor, params.number));
