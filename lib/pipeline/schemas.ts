import { z } from 'zod';
import {
  idempotencyKey,
  MAX_BODY,
  MAX_SUBJECT,
  optionalText,
  optionalUuid,
  safeString,
  text,
  ticketNumber,
  version,
} from '@/lib/core/fields';

export const submitRequestSchema = z.object({
  subject: text('Subject', MAX_SUBJECT),
  description: text('Description', MAX_BODY),
  categoryId: optionalUuid,
  idempotencyKey,
});
export type SubmitRequestInput = z.input<typeof submitRequestSchema>;

export const contactChannel = z.enum(['phone', 'chat', 'social', 'email'], {
  error: 'Choose the channel of the contact.',
});

export const logContactSchema = z
  .object({
    channel: contactChannel,
    customerName: text('Customer name', 200),
    customerEmail: z
      .union([z.email('Enter a valid e-mail address.'), z.literal('')])
      .optional()
      .transform((v) => (v ? v.toLowerCase() : undefined)),
    customerPhone: optionalText(40).refine(
      (v) => v === undefined || /^\+?[0-9 ()-]{6,}$/.test(v),
      'Enter a valid phone number.',
    ),
    subject: text('Subject', MAX_SUBJECT),
    description: text('Description', MAX_BODY),
    categoryId: optionalUuid,
    idempotencyKey,
  })
  .refine((v) => v.customerEmail || v.customerPhone, {
    message: 'Give an e-mail address or a phone number.',
    path: ['customerEmail'],
  });
export type LogContactInput = z.input<typeof logContactSchema>;

export const severity = z.coerce
  .number({ error: 'Choose a severity.' })
  .int()
  .min(1, 'Choose a severity.')
  .max(4, 'Choose a severity.');
export const impact = z.enum(['single', 'several', 'many'], { error: 'Choose the impact.' });

export const identifySchema = z
  .object({
    number: ticketNumber,
    version,
    categoryId: z.uuid('Choose a category.'),
    severity,
    impact,
    teamId: optionalUuid,
    // Absent (undefined) keeps the current assignee; '' unassigns (null); a uuid assigns.
    assigneeId: z
      .union([z.uuid('Choose a member of the owning team.'), z.literal('')])
      .optional()
      .transform((v) => (v === '' ? null : v)),
    priorityOverride: z
      .union([z.coerce.number().int().min(1).max(4), z.literal('')])
      .optional()
      .transform((v) => (v === '' || v === undefined ? undefined : v)),
    overrideReason: optionalText(500),
  })
  .refine((v) => v.priorityOverride === undefined || (v.overrideReason?.length ?? 0) >= 5, {
    message: 'Say why you override the priority (at least 5 characters).',
    path: ['overrideReason'],
  });
export type IdentifyInput = z.input<typeof identifySchema>;

export const raiseExceptionSchema = z.object({
  number: ticketNumber,
  version,
  // An instant with its offset (the form converts the agent's local time), never a bare local time.
  incidentAt: z
    .union([z.iso.datetime({ offset: true, error: 'Give the date and time of the incident.' }), z.date()], {
      error: 'Give the date and time of the incident.',
    })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, 'The incident cannot be in the future.'),
  details: safeString({ error: 'Describe the exception in detail.' })
    .trim()
    .min(30, 'Describe the exception in detail (at least 30 characters).')
    .max(MAX_BODY, `The description must be at most ${MAX_BODY.toLocaleString('en')} characters.`),
});
export type RaiseExceptionInput = z.input<typeof raiseExceptionSchema>;

export const replySchema = z.object({
  number: ticketNumber,
  body: text('Message', MAX_BODY),
  visibility: z.enum(['public', 'internal']).default('public'),
});
export type ReplyInput = z.input<typeof replySchema>;

export const escalateSchema = z.object({
  number: ticketNumber,
  version,
  teamId: z.uuid('Choose the team to escalate to.'),
  reason: text('Reason', 1000),
});
export type EscalateInput = z.input<typeof escalateSchema>;

export const waitSchema = z.object({
  number: ticketNumber,
  version,
  status: z.enum(['pending', 'on_hold', 'open'], { error: 'Choose a status.' }),
});
export type WaitInput = z.input<typeof waitSchema>;

export const resolveSchema = z.object({
  number: ticketNumber,
  version,
  summary: text('Resolution summary', 5000),
});
export type ResolveInput = z.input<typeof resolveSchema>;

export const customerReplySchema = z.object({ number: ticketNumber, body: text('Message', MAX_BODY), idempotencyKey });
export const reopenSchema = z.object({ number: ticketNumber, body: text('Tell us what is still wrong', MAX_BODY) });
export const confirmSchema = z.object({ number: ticketNumber });

export const CSAT_REQUIRED = 'Choose a score from 1 to 5.';
export const NPS_REQUIRED = 'Choose a score from 0 to 10.';
/** A score, or absent: whether a question must be answered is the survey settings' call (answerSurvey). */
const optionalScore = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).optional(),
  );

export const FIXED_INVALID = 'Answer yes or no.';
export const MAX_SURVEY_COMMENT = 2000;
/** "Was your issue fixed?": yes, no, or not answered (the question is optional). */
const fixedAnswer = z.preprocess(
  (v) =>
    v === '' || v === null ? undefined : v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' ? false : v,
  z.boolean({ error: FIXED_INVALID }).optional(),
);
/** The survey's answers, the same for the portal's form and the mailed link's page. */
const surveyAnswers = {
  csat: optionalScore(1, 5, CSAT_REQUIRED),
  nps: optionalScore(0, 10, NPS_REQUIRED),
  fixed: fixedAnswer,
  comment: safeString()
    .trim()
    .max(MAX_SURVEY_COMMENT, `At most ${MAX_SURVEY_COMMENT.toLocaleString('en')} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined)),
};

export const surveySchema = z.object({ number: ticketNumber, ...surveyAnswers });
/** The mailed link's form: the signed link is the permission (lib/surveys/survey-link.ts). */
export const surveyLinkSchema = z.object({
  token: z.string({ error: 'This survey link is not valid.' }).max(600, 'This survey link is not valid.'),
  ...surveyAnswers,
});
export type SurveyInput = z.input<typeof surveySchema>;
