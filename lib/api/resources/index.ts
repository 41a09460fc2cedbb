import type { Operation } from '../operation';
import { ATTACHMENT_OPERATIONS } from './attachments';
import { CUSTOMER_OPERATIONS } from './customers';
import { ORGANIZATION_OPERATIONS } from './organizations';
import { TICKET_OPERATIONS } from './tickets';

/** Every public API operation, in the document's order. */
export const API_OPERATIONS: readonly Operation[] = [
  ...TICKET_OPERATIONS,
  ...ATTACHMENT_OPERATIONS,
  ...CUSTOMER_OPERATIONS,
  ...ORGANIZATION_OPERATIONS,
];
