import { apiDeleteOrganization, apiGetOrganization, apiUpdateOrganization } from '@/lib/api/organizations';
import { deleteOrganizationOp, getOrganizationOp, updateOrganizationOp } from '@/lib/api/resources/organizations';
import { route } from '../../public';

/** GET /api/v1/organizations/ID — the organization and how many customers belong to it. */
export const GET = route(getOrganizationOp, ({ db, actor, params }) => apiGetOrganization(db, actor, params.id));

/** PUT /api/v1/organizations/ID — name and domain. */
export const PUT = route(updateOrganizationOp, ({ db, actor, params, body }) =>
  apiUpdateOrganization(db, actor, params.id, body),
);

/** DELETE /api/v1/organizations/ID — only when nobody belongs to it (409 otherwise); admins. */
export const DELETE = route(deleteOrganizationOp, ({ db, actor, params }) =>
  apiDeleteOrganization(db, actor, params.id),
);
