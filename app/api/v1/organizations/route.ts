import { apiCreateOrganization, apiListOrganizations } from '@/lib/api/organizations';
import { createOrganizationOp, listOrganizationsOp } from '@/lib/api/resources/organizations';
import { route } from '../public';

/** GET /api/v1/organizations — by name, a page at a time. */
export const GET = route(listOrganizationsOp, ({ db, actor, query }) => apiListOrganizations(db, actor, query));

/** POST /api/v1/organizations — a new organization (unique name). */
export const POST = route(createOrganizationOp, ({ db, actor, body }) => apiCreateOrganization(db, actor, body));
