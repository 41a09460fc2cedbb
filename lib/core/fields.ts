import { z } from 'zod';

/** Shared by server actions, the REST API and the forms: one definition of valid input. */
export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString('en')} characters.`);

export const optionalUuid = z
  .union([z.uuid('Choose a valid option.'), z.literal('')])
  .optional()
  .transform((v) => (v ? v : undefined));

export const ticketNumber = z.coerce
  .number({ error: 'Unknown request number.' })
  .int('Unknown request number.')
  .positive('Unknown request number.')
  .max(2_147_483_647, 'Unknown request number.');
export const version = z.coerce.number().int().positive();

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

