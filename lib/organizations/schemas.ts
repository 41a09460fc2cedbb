import { z } from 'zod';
import { safeString } from '@/lib/core/fields';

export const MAX_ORGANIZATION_NAME = 200;

/** The fields an organization has: a unique name and, optionally, its e-mail domain. */
export const organizationFields = z.object({
  name: safeString({ error: 'Name is required.' })
    .trim()
    .min(1, 'Name is required.')
    .max(MAX_ORGANIZATION_NAME, `At most ${MAX_ORGANIZATION_NAME} characters.`),
  domain: z
    .union([
      safeString()
        .trim()
        .toLowerCase()
        .max(253)
        .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Enter a domain like example.com.'),
      z.literal(''),
      z.null(),
    ])
    .optional()
    .transform((v) => v || null),
});
export type OrganizationFields = z.input<typeof organizationFields>;

export const createOrganizationSchema = organizationFields;
export const updateOrganizationSchema = organizationFields.extend({ organizationId: z.uuid('Unknown organization.') });
export const organizationIdSchema = z.object({ organizationId: z.uuid('Unknown organization.') });
export const mergeOrganizationsSchema = z.object({
  organizationId: z.uuid('Unknown organization.'),
  into: z.uuid('Choose the organization to merge into.'),
});
