import { apiCreateCustomer } from '@/lib/api/customers';
import { createCustomerOp } from '@/lib/api/resources/customers';
import { route } from '../public';

/** POST /api/v1/customers — a new customer record (e-mail and phone unique). */
export const POST = route(createCustomerOp, ({ db, actor, body }) => apiCreateCustomer(db, actor, body));
