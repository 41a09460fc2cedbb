import { z } from 'zod';
import { followUpOutcomeEnum } from '@/db/schema';
import { optionalUuid, safeString, ticketNumber } from '@/lib/core/fields';
import { MAX_FOLLOW_UP_NOTE } from './outcomes';

/** A note on a follow-up: optional, storable text, at most MAX_FOLLOW_UP_NOTE characters. */
export const followUpNote = safeString()
  .trim()
  .max(MAX_FOLLOW_UP_NOTE, `The note must be at most ${MAX_FOLLOW_UP_NOTE.toLocaleString('en')} characters.`)
  .optional()
  .transform((v) => (v ? v : undefined));

export const requestCallSchema = z.object({ number: ticketNumber, note: followUpNote });

export const recordOutcomeSchema = z.object({
  id: z.uuid('Follow-up not found.'),
  outcome: z.enum(followUpOutcomeEnum.enumValues, { error: 'Choose an outcome.' }),
  rootCauseId: optionalUuid,
  note: followUpNote,
});
