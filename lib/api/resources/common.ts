import { z } from 'zod';
import { ticketNumber } from '@/lib/core/fields';
import { API_ERROR_CODES } from '../handler';

/** Response-side types: what a client receives as JSON (dates are ISO strings). */
export const dateTime = z.iso.datetime({ offset: true });
export const nullableDate = dateTime.nullable();
export const uuid = z.uuid();

export const errorSchema = z
  .object({
    error: z.enum(API_ERROR_CODES as [string, ...string[]]).describe('A stable code to branch on.'),
    message: z.string().describe('For people; may change.'),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe('Per input field.'),
  })
  .meta({ id: 'Error' });

export const numberParams = z.object({ number: ticketNumber });

/** The error answers every operation may give, added to each in the document. */
export const COMMON_ERRORS = {
  400: 'Invalid input (fieldErrors says where), bad JSON, NUL bytes.',
  401: 'No, unknown, expired or revoked token (or its owner was deactivated).',
  403: "The token's scope or its owner's role does not allow this.",
  429: 'Too many requests with this token: wait Retry-After seconds.',
} as const;
