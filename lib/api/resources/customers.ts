import { z } from 'zod';
import type { Customer } from '@/db/schema';
import { safeString, text } from '@/lib/core/fields';
import { statusEnum } from '@/db/schema';
import { MAX_QUERY } from '@/lib/search/search-tickets';
import { defineOperation } from '../operation';
import { dateTime, nullableDate, uuid } from './common';
import { ticketDetailSchema } from './tickets';

const channel = z.enum(['web', 'email', 'phone', 'chat', 'social', 'api']);

export const customerSchema = z
  .object({
    id: uuid,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    organization: z.string().nullable(),
    preferredChannel: channel.nullable(),
    notes: z.string(),
    tags: z.array(z.string()),
    createdAt: dateTime,
    version: z.int().describe('Also the ETag: send it back in If-Match to update.'),
  })
  .meta({ id: 'Customer' });

export function customerOut(c: Customer, organization: string | null): z.input<typeof customerSchema> {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    organization,
    preferredChannel: c.preferredChannel,
    notes: c.notes,
    tags: c.tags,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

const customerParams = z.object({ id: z.uuid() });

export const getCustomer = defineOperation({
  id: 'getCustomer',
  method: 'GET',
  path: '/customers/{id}',
  tag: 'Customers',
  summary: 'Read a customer and their history',
  description: 'The record, their tickets (newest first) and answered surveys. The ETag is the record version.',
  scope: 'read',
  params: customerParams,
  responses: {
    200: {
      description: 'The customer.',
      schema: z
        .object({
          customer: customerSchema,
          tickets: z.array(
            z.object({
              number: z.int(),
              cern: z.string().nullable(),
              subject: z.string(),
              channel,
              status: z.enum(statusEnum.enumValues),
              stage: z.string(),
              priority: z.int(),
              createdAt: dateTime,
              resolvedAt: nullableDate,
            }),
          ),
          surveys: z.array(
            z.object({
              number: z.int(),
              csat: z.int().nullable(),
              nps: z.int().nullable(),
              comment: z.string().nullable(),
              answeredAt: nullableDate,
            }),
          ),
        })
        .meta({ id: 'CustomerProfile' }),
    },
    404: { description: 'No such customer.' },
  },
});

export const updateCustomerBody = z
  .object({
    name: text('Name', 200),
    email: z.string().max(320).optional().describe('Absent or empty clears it; keep an e-mail or a phone.'),
    phone: safeString().max(40).optional(),
    organization: safeString().max(200).optional().describe('By name; created when new; empty clears it.'),
    preferredChannel: z.union([channel, z.literal('')]).optional(),
    notes: safeString().max(10_000).optional(),
    tags: z.array(safeString().max(40)).max(30).optional(),
  })
  .meta({ id: 'CustomerUpdate' });

export const updateCustomerOp = defineOperation({
  id: 'updateCustomer',
  method: 'PUT',
  path: '/customers/{id}',
  tag: 'Customers',
  summary: 'Replace the editable fields',
  description:
    'As the customer form saves: every field is sent (an absent optional field is cleared). E-mail and phone stay unique (409 with a field error: merge instead). Requires If-Match.',
  scope: 'write',
  params: customerParams,
  body: updateCustomerBody,
  ifMatch: true,
  responses: {
    200: { description: 'Saved.', schema: z.object({ customer: customerSchema }) },
    404: { description: 'No such customer.' },
    409: { description: 'Another customer has this e-mail or phone.' },
    412: { description: 'If-Match is not the current version.' },
    428: { description: 'If-Match is missing.' },
  },
});

export const createCustomerOp = defineOperation({
  id: 'createCustomer',
  method: 'POST',
  path: '/customers',
  tag: 'Customers',
  summary: 'Add a customer',
  description:
    'The same fields and rules as the customer form; an e-mail or a phone is required. An e-mail or phone another customer has is 409 `conflict` with a field error (merge instead). The ETag is the new version.',
  scope: 'write',
  body: updateCustomerBody,
  responses: {
    201: { description: 'Created.', schema: z.object({ customer: customerSchema }) },
    409: { description: 'Another customer has this e-mail or phone (fieldErrors.email / fieldErrors.phone).' },
  },
});

export const deleteCustomerOp = defineOperation({
  id: 'deleteCustomer',
  method: 'DELETE',
  path: '/customers/{id}',
  tag: 'Customers',
  summary: 'Erase a customer (data-protection request)',
  description:
    "The erasure of the customer's profile page: the person is removed (name, e-mail, phone, their words and files, their login) and their tickets' metrics are kept. Irreversible; the DELETE is the confirmation. Audited.",
  scope: 'admin',
  params: customerParams,
  responses: {
    200: {
      description: 'Erased.',
      schema: z
        .object({ customerId: uuid, tickets: z.int(), attachments: z.int().describe('Files deleted.') })
        .meta({ id: 'CustomerErased' }),
    },
    404: { description: 'No such customer.' },
    409: { description: 'Already erased.' },
  },
});

export const mergeCustomerBody = z
  .object({
    duplicate: text('Duplicate', 200).describe('The e-mail or phone of the record to merge into this one.'),
  })
  .meta({ id: 'CustomerMerge' });

export const mergeCustomerOp = defineOperation({
  id: 'mergeCustomer',
  method: 'POST',
  path: '/customers/{id}/merge',
  tag: 'Customers',
  summary: 'Merge a duplicate record into this one',
  description: "The duplicate's tickets, messages and login move here; it is removed.",
  scope: 'write',
  params: customerParams,
  body: mergeCustomerBody,
  responses: {
    200: {
      description: 'Merged.',
      schema: z.object({ customer: customerSchema, movedTickets: z.int() }).meta({ id: 'CustomerMerged' }),
    },
    404: { description: 'No such customer, or none with that e-mail or phone.' },
    409: { description: 'Both records have a portal login.' },
  },
});

export const searchQuery = z.object({
  q: z.string().max(MAX_QUERY).describe('Number, CERN, words, a customer name, e-mail or phone.'),
  status: z.enum(statusEnum.enumValues).optional(),
  teamId: z.uuid().optional(),
  after: z.string().max(200).optional().describe('The `next` cursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const searchOp = defineOperation({
  id: 'search',
  method: 'GET',
  path: '/search',
  tag: 'Search',
  summary: 'Search tickets',
  description: "The header's search: exact number or CERN first, then by relevance; misspellings corrected.",
  scope: 'read',
  query: searchQuery,
  responses: {
    200: {
      description: 'A page of matches.',
      schema: z
        .object({
          items: z.array(
            z.object({
              number: z.int(),
              cern: z.string().nullable(),
              subject: z.string(),
              snippet: z.string().nullable(),
              customerName: z.string(),
              teamName: z.string().nullable(),
              status: z.enum(statusEnum.enumValues),
              priority: z.int(),
              createdAt: dateTime,
              matchedOn: z.string(),
            }),
          ),
          next: z.string().nullable(),
          correctedQuery: z.string().nullable(),
        })
        .meta({ id: 'SearchPage' }),
    },
  },
});

export const getCernOp = defineOperation({
  id: 'getCern',
  method: 'GET',
  path: '/cerns/{cern}',
  tag: 'CERNs',
  summary: 'The ticket of a CERN',
  description: 'A Customer Exception Reference Number (CERN-YYYY-NNNNNN) names one ticket.',
  scope: 'read',
  params: z.object({ cern: z.string().regex(/^CERN-\d{4}-\d{6}$/i) }),
  responses: {
    200: { description: 'The ticket.', schema: ticketDetailSchema },
    404: { description: 'No ticket has that CERN.' },
  },
});

export const CUSTOMER_OPERATIONS = [
  createCustomerOp,
  getCustomer,
  updateCustomerOp,
  deleteCustomerOp,
  mergeCustomerOp,
  searchOp,
  getCernOp,
];
