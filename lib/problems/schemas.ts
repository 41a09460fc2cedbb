import { z } from 'zod';
import { MAX_SUBJECT, optionalText, optionalUuid, text, ticketNumber, version } from '@/lib/core/fields';

export const MAX_LINK_AT_ONCE = 100;
const TICKETS_HINT = 'List request numbers, e.g. #1042 #1043.';

/** "#1042, 1043 #1044" → [1042, 1043, 1044] (unique, in order); a word that is not a number is refused. */
export const ticketList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const parts = (value ?? '').split(/[\s,;]+/).filter(Boolean);
    const numbers: number[] = [];
    for (const part of parts) {
      const n = Number(part.replace(/^#/, ''));
      if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) {
        ctx.addIssue({ code: 'custom', message: `“${part.slice(0, 20)}” is not a request number. ${TICKETS_HINT}` });
        return z.NEVER;
      }
      if (!numbers.includes(n)) numbers.push(n);
    }
    if (numbers.length > MAX_LINK_AT_ONCE) {
      ctx.addIssue({ code: 'custom', message: `Link at most ${MAX_LINK_AT_ONCE} requests at once.` });
      return z.NEVER;
    }
    return numbers;
  });

/**
 * Group requests under a problem: an existing one (`problemId`) or a new one (`title`, and
 * optionally a description and an owner). With a new problem the list may be empty.
 */
export const groupSchema = z
  .object({
    problemId: optionalUuid,
    title: optionalText(MAX_SUBJECT),
    description: optionalText(5000),
    ownerId: optionalUuid,
    tickets: ticketList,
  })
  .superRefine((v, ctx) => {
    if (!v.problemId && !v.title)
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'Give the new problem a title, or choose a problem.' });
    if (v.problemId && v.tickets.length === 0)
      ctx.addIssue({ code: 'custom', path: ['tickets'], message: TICKETS_HINT });
  });
export type GroupInput = z.input<typeof groupSchema>;

export const unlinkSchema = z.object({
  problemId: z.uuid('Unknown problem.'),
  number: ticketNumber,
});

export const resolveProblemSchema = z.object({
  problemId: z.uuid('Unknown problem.'),
  version,
  summary: text('Resolution summary', 5000),
});
export type ResolveProblemInput = z.input<typeof resolveProblemSchema>;
