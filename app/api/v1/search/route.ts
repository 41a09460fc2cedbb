import { apiSearch } from '@/lib/api/customers';
import { searchOp } from '@/lib/api/resources/customers';
import { route } from '../public';

/** GET /api/v1/search?q=… — the header's ticket search. */
export const GET = route(searchOp, ({ db, actor, query }) => apiSearch(db, actor, query));
