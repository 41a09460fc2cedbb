import { z } from 'zod';
import { safeString } from '@/lib/core/fields';

const optional = (max: number) =>
  safeString()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

/** A customer's editable fields, as the customer form and the API send them. */
const customerFields = z.object({
  name: safeString({ error: 'Name is required.' })
    .trim()
    .min(1, 'Name is required.')
    .max(200, 'At most 200 characters.'),
  email: z
    .union([z.email('Enter a valid e-mail address.'), z.literal('')])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null)),
  phone: optional(40).refine((v) => v === null || /^\+?[0-9 ()-]{6,}$/.test(v), 'Enter a valid phone number.'),
  organization: optional(200),
  preferredChannel: z
    .union([z.enum(['web', 'email', 'phone', 'chat', 'social', 'api']), z.literal('')])
    .optional()
    .transform((v) => (v ? v : null)),
  notes: safeString().max(10_000, 'At most 10,000 characters.').optional().default(''),
  tags: safeString()
    .max(1000)
    .optional()
    .transform((v) =>
      [
        ...new Set(
          (v ?? '')
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].slice(0, 30),
    ),
});

const reachable = (v: { email: string | null; phone: string | null }) => Boolean(v.email || v.phone);

export const updateCustomerSchema = customerFields
  .extend({ customerId: z.uuid(), version: z.coerce.number().int().positive() })
  .refine(reachable, { message: 'Keep an e-mail address or a phone number.', path: ['email'] });

export const createCustomerSchema = customerFields.refine(reachable, {
  message: 'Give an e-mail address or a phone number.',
  path: ['email'],
});

export const mergeCustomersSchema = z.object({
  customerId: z.uuid(),
  duplicate: safeString({ error: 'Give the e-mail or phone of the duplicate record.' })
    .trim()
    .min(3, 'Give the e-mail or phone of the duplicate record.')
    .max(200),
});
