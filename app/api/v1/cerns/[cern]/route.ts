import { apiGetCern } from '@/lib/api/customers';
import { getCernOp } from '@/lib/api/resources/customers';
import { route } from '../../public';

/** GET /api/v1/cerns/CERN-2026-000123 — the ticket of a CERN. */
export const GET = route(getCernOp, ({ db, actor, params }) => apiGetCern(db, actor, params.cern));
