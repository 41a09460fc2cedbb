import { apiMergeOrganization } from '@/lib/api/organizations';
import { mergeOrganizationOp } from '@/lib/api/resources/organizations';
import { route } from '../../../public';

/** POST /api/v1/organizations/ID/merge — the duplicate's customers move here and it goes; admins. */
export const POST = route(mergeOrganizationOp, ({ db, actor, params, body }) =>
  apiMergeOrganization(db, actor, params.id, body.duplicate),
);
