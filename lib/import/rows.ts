import { z } from 'zod';
import { channelEnum, statusEnum, type Channel, type Status } from '@/db/schema';
import { INVALID_TEXT, isStorableText, MAX_BODY, MAX_SUBJECT } from '@/lib/core/fields';
import { normalizePhone } from '@/lib/customers/find-or-create';

/**
 * One row of each kind an import file holds, validated (zod). JSON items and CSV rows both end up
 * here, so both formats obey one set of rules (docs/import.md). Values other helpdesks export are
 * accepted as they spell them: Zendesk's `solved`/`hold`, priorities by name, `voice` for phone.
 */

const text = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).refine(isStorableText, INVALID_TEXT);
const optional = (max: number) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null))
    .pipe(text(max).nullable());
const required = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `at most ${max} characters`)
    .refine(isStorableText, INVALID_TEXT);

/** Ids may come as numbers (JSON) or text (CSV): `1042` and `"1042"` are the same ticket. */
const externalId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(required(100));
const optionalExternalId = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim()))
  .pipe(text(100).nullable());

const EARLIEST = Date.UTC(1990, 0, 1);
/** An instant with its offset (`2024-03-01T09:30:00Z`, `…+01:00`); a date alone is midnight UTC. */
export const instant = z
  .string({ error: 'is required' })
  .trim()
  .transform((v, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;
    const at = iso.test(v) ? new Date(v.replace(' ', 'T')) : new Date(Number.NaN);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: `"${v.slice(0, 40)}" is not a date and time with its offset (ISO 8601)`,
      });
      return z.NEVER;
    }
    if (at.getTime() < EARLIEST || at.getTime() > Date.now() + 24 * 3600_000) {
      ctx.addIssue({ code: 'custom', message: `${v} is before 1990 or in the future` });
      return z.NEVER;
    }
    return at;
  });
const optionalInstant = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v : null))
  .pipe(instant.nullable());

const email = z.string().trim().toLowerCase().pipe(z.email('is not an e-mail address').max(254));
const optionalEmail = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v : null))
  .pipe(email.nullable());

const STATUS_ALIASES: Record<string, Status> = { solved: 'resolved', hold: 'on_hold', 'on hold': 'on_hold' };
const status = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    const s = STATUS_ALIASES[v] ?? v;
    if ((statusEnum.enumValues as readonly string[]).includes(s)) return s as Status;
    ctx.addIssue({
      code: 'custom',
      message: `"${v.slice(0, 40)}" is not a status (${statusEnum.enumValues.join(', ')})`,
    });
    return z.NEVER;
  });

const PRIORITY_NAMES: Record<string, number> = { urgent: 1, high: 2, normal: 3, medium: 3, low: 4 };
const priority = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || String(v).trim() === '') return 3;
    const s = String(v).trim().toLowerCase().replace(/^p/, '');
    const p = PRIORITY_NAMES[s] ?? Number(s);
    if (Number.isInteger(p) && p >= 1 && p <= 4) return p;
    ctx.addIssue({
      code: 'custom',
      message: `"${String(v).slice(0, 40)}" is not a priority (1–4, urgent, high, normal, low)`,
    });
    return z.NEVER;
  });

const CHANNEL_ALIASES: Record<string, Channel> = {
  portal: 'web',
  web_form: 'web',
  webform: 'web',
  mail: 'email',
  'e-mail': 'email',
  voice: 'phone',
  call: 'phone',
  twitter: 'social',
  facebook: 'social',
  chat_widget: 'chat',
};
const channel = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === '') return 'email' as Channel;
    const s = v.trim().toLowerCase();
    const c = CHANNEL_ALIASES[s] ?? s;
    if ((channelEnum.enumValues as readonly string[]).includes(c)) return c as Channel;
    ctx.addIssue({
      code: 'custom',
      message: `"${v.slice(0, 40)}" is not a channel (${channelEnum.enumValues.join(', ')})`,
    });
    return z.NEVER;
  });

const flag = z
  .union([z.boolean(), z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return false;
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (['true', 'yes', '1', 'internal', 'private'].includes(s)) return true;
    if (['false', 'no', '0', 'public'].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 20)}" is not true or false` });
    return z.NEVER;
  });

export const organizationRow = z.object({
  external_id: optionalExternalId,
  name: required(200),
  domain: optional(200),
});

export const customerRow = z
  .object({
    external_id: optionalExternalId,
    name: required(200),
    email: optionalEmail,
    phone: optional(40).transform((v) => (v ? normalizePhone(v) : null)),
    organization: optional(200),
    created_at: optionalInstant,
  })
  .refine((c) => c.email !== null || (c.phone !== null && c.phone.replace(/\D/g, '').length >= 5), {
    message: 'needs an e-mail address or a phone number',
    path: ['email'],
  });

export const messageRow = z.object({
  author_email: email,
  body: required(MAX_BODY),
  internal: flag,
  created_at: instant,
});

export const ticketRow = z
  .object({
    external_id: externalId,
    subject: required(MAX_SUBJECT),
    description: optional(MAX_BODY),
    status,
    priority,
    channel,
    created_at: instant,
    resolved_at: optionalInstant,
    closed_at: optionalInstant,
    customer_email: email,
  })
  .check((ctx) => {
    const t = ctx.value;
    if (t.resolved_at && t.resolved_at < t.created_at)
      ctx.issues.push({ code: 'custom', message: 'is before created_at', path: ['resolved_at'], input: t });
    if (t.closed_at && t.closed_at < t.created_at)
      ctx.issues.push({ code: 'custom', message: 'is before created_at', path: ['closed_at'], input: t });
  });

export type OrganizationRow = z.output<typeof organizationRow>;
export type CustomerRow = z.output<typeof customerRow>;
export type MessageRow = z.output<typeof messageRow>;
export type TicketRow = z.output<typeof ticketRow> & { messages: MessageRow[] };

/** "created_at: is required; priority: …" — a row's zod issues as one line for the report. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return field ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}
