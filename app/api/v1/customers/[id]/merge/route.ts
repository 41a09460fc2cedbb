import { apiMergeCustomer } from '@/lib/api/customers';
import { mergeCustomerOp } from '@/lib/api/resources/customers';
import { route } from '../../../public';

/** POST /api/v1/customers/ID/merge — the duplicate (by e-mail or phone) into this record. */
export const POST = route(mergeCustomerOp, ({ db, actor, params, body }) =>
  apiMergeCustomer(db, actor, params.id, body),
);
