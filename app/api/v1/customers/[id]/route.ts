import { apiDeleteCustomer, apiGetCustomer, apiUpdateCustomer } from '@/lib/api/customers';
import { deleteCustomerOp, getCustomer, updateCustomerOp } from '@/lib/api/resources/customers';
import { route } from '../../public';

/** GET /api/v1/customers/ID — the record and its history; the ETag is its version. */
export const GET = route(getCustomer, ({ db, actor, params }) => apiGetCustomer(db, actor, params.id));

/** PUT /api/v1/customers/ID — the editable fields, as the customer form saves them (If-Match required). */
export const PUT = route(updateCustomerOp, ({ db, actor, params, version, body }) =>
  apiUpdateCustomer(db, actor, params.id, version, body),
);

/** DELETE /api/v1/customers/ID — the data-protection erasure (admins); the tickets' metrics stay. */
export const DELETE = route(deleteCustomerOp, ({ db, actor, params }) => apiDeleteCustomer(db, actor, params.id));
