import { z } from 'zod';
import { organizationFields } from '@/lib/organizations/schemas';
import { defineOperation } from '../operation';
import { dateTime, uuid } from './common';

export const organizationSchema = z
  .object({
    id: uuid,
    name: z.string(),
    domain: z.string().nullable(),
    createdAt: dateTime,
  })
  .meta({ id: 'Organization' });

export const organizationDetailSchema = organizationSchema
  .extend({ customerCount: z.int().describe('Customers who belong to it.') })
  .meta({ id: 'OrganizationDetail' });

/** The use case's own schema (lib/organizations/schemas.ts): the API and the rules cannot disagree. */
export const organizationBody = organizationFields.meta({ id: 'OrganizationInput' });

const idParams = z.object({ id: z.uuid() });

export const listOrganizationsOp = defineOperation({
  id: 'listOrganizations',
  method: 'GET',
  path: '/organizations',
  tag: 'Organizations',
  summary: 'List organizations',
  description: 'By name, a page at a time: pass `next` as `after`.',
  scope: 'read',
  query: z.object({
    after: z.string().max(400).optional().describe('The `next` cursor of the previous page.'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
  responses: {
    200: {
      description: 'A page of organizations.',
      schema: z
        .object({ items: z.array(organizationSchema), next: z.string().nullable() })
        .meta({ id: 'OrganizationPage' }),
    },
  },
});

export const createOrganizationOp = defineOperation({
  id: 'createOrganization',
  method: 'POST',
  path: '/organizations',
  tag: 'Organizations',
  summary: 'Create an organization',
  scope: 'write',
  body: organizationBody,
  responses: {
    201: { description: 'Created.', schema: z.object({ organization: organizationSchema }) },
    409: { description: 'Another organization has this name (fieldErrors.name).' },
  },
});

export const getOrganizationOp = defineOperation({
  id: 'getOrganization',
  method: 'GET',
  path: '/organizations/{id}',
  tag: 'Organizations',
  summary: 'Read an organization',
  scope: 'read',
  params: idParams,
  responses: {
    200: { description: 'The organization.', schema: z.object({ organization: organizationDetailSchema }) },
    404: { description: 'No such organization.' },
  },
});

export const updateOrganizationOp = defineOperation({
  id: 'updateOrganization',
  method: 'PUT',
  path: '/organizations/{id}',
  tag: 'Organizations',
  summary: 'Rename it or set its domain',
  description:
    'Both fields are sent (an absent domain is cleared). Organizations keep no version, so no If-Match: the last save wins and the audit log keeps each change.',
  scope: 'write',
  params: idParams,
  body: organizationBody,
  responses: {
    200: { description: 'Saved.', schema: z.object({ organization: organizationSchema }) },
    404: { description: 'No such organization.' },
    409: { description: 'Another organization has this name (fieldErrors.name).' },
  },
});

export const deleteOrganizationOp = defineOperation({
  id: 'deleteOrganization',
  method: 'DELETE',
  path: '/organizations/{id}',
  tag: 'Organizations',
  summary: 'Delete an unused organization',
  description:
    'Refused with 409 `conflict` while customers belong to it (`fieldErrors.customers`) or a routing rule names it (`fieldErrors.routingRules`): move them or merge it first. Its own SLA policies are deleted with it.',
  scope: 'admin',
  params: idParams,
  responses: {
    204: { description: 'Deleted.' },
    404: { description: 'No such organization.' },
    409: { description: 'Still in use.' },
  },
});

export const mergeOrganizationOp = defineOperation({
  id: 'mergeOrganization',
  method: 'POST',
  path: '/organizations/{id}/merge',
  tag: 'Organizations',
  summary: 'Merge a duplicate organization into this one',
  description:
    "The duplicate's customers move here, routing rules that named it name this one, its SLA policies become this one's (where both have an active policy for the same priority and category, this one's stays), and it is removed. Audited.",
  scope: 'admin',
  params: idParams,
  body: z
    .object({ duplicate: z.uuid().describe('The id of the organization that goes.') })
    .meta({ id: 'OrganizationMerge' }),
  responses: {
    200: {
      description: 'Merged.',
      schema: z
        .object({ organization: organizationDetailSchema, movedCustomers: z.int() })
        .meta({ id: 'OrganizationMerged' }),
    },
    400: { description: 'The duplicate is this organization.' },
    404: { description: 'No such organization.' },
  },
});

export const ORGANIZATION_OPERATIONS = [
  listOrganizationsOp,
  createOrganizationOp,
  getOrganizationOp,
  updateOrganizationOp,
  deleteOrganizationOp,
  mergeOrganizationOp,
];
