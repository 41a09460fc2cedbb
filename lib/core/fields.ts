import { z } from 'zod';

/** Shared by server actions, the REST API and the forms: one definition of valid input. */
export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

export const INVALID_TEXT = 'Remove the invalid characters (a NUL byte or a broken Unicode character).';

/**
 * Text PostgreSQL can store: no NUL byte (a `text` column refuses it with "invalid byte
 * sequence") and no lone UTF-16 surrogate (not valid UTF-8). Every string that enters through a
 * schema passes here, so bad text gets a field message instead of a database error.
 */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed();

/** z.string() that only accepts storable text: the base of every text field in lib/. */
export const safeString = (params?: { error?: string }) => z.string(params).refine(isStorableText, INVALID_TEXT);

/**
 * What someone typed into a search or filter box (in a URL): NUL bytes are dropped and broken
 * characters replaced, so any input searches instead of failing in PostgreSQL; trimmed, at most `max`.
 */
export const searchText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replaceAll('\u0000', '').toWellFormed() : v),
    z.string().trim().max(max),
  );

export const text = (label: string, max: number) =>
  safeString({ error: `${label} is required.` })
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
  safeString()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A form's idempotency key (a UUID from our forms; any storable text up to 100 characters from the API). */
export const idempotencyKey = safeString().max(100, 'The idempotency key must be at most 100 characters.').optional();
