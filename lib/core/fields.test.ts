import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { signInSchema, signUpSchema } from '@/lib/auth/schemas';
import { mergeCustomersSchema, updateCustomerSchema } from '@/lib/customers/schemas';
import { macroSchema } from '@/lib/macros/macros';
import {
  customerReplySchema,
  escalateSchema,
  logContactSchema,
  raiseExceptionSchema,
  replySchema,
  resolveSchema,
  submitRequestSchema,
  surveySchema,
} from '@/lib/pipeline/schemas';
import { bulkSchema } from '@/lib/pipeline/bulk-update';
import { tagList } from '@/lib/tickets/tags';
import { viewFiltersSchema } from '@/lib/tickets/views';
import { INVALID_TEXT, isStorableText, optionalText, text } from './fields';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'broken \ud800 text';

/** The schema refuses `bad` in `field` with the invalid-text message on that field. */
function refuses(schema: z.ZodType, valid: Record<string, unknown>, field: string, bad: string) {
  const result = schema.safeParse({ ...valid, [field]: bad });
  expect(result.success, `${field} accepted ${JSON.stringify(bad)}`).toBe(false);
  const messages = result.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message);
  expect(messages).toContain(INVALID_TEXT);
}

describe('storable text', () => {
  it('refuses NUL bytes and lone surrogates, accepts any other Unicode', () => {
    expect(isStorableText('Ünïcødé 🙂 naïve')).toBe(true);
    expect(isStorableText(NUL)).toBe(false);
    expect(isStorableText(LONE_SURROGATE)).toBe(false);
    expect(isStorableText('\udc00')).toBe(false);
  });

  it('text and optionalText give a field message, not a database error', () => {
    expect(text('Subject', 200).safeParse(NUL).error?.issues[0]?.message).toBe(INVALID_TEXT);
    expect(optionalText(200).safeParse(LONE_SURROGATE).success).toBe(false);
    expect(optionalText(200).safeParse('fine').data).toBe('fine');
  });

  const request = { subject: 'Parcel', description: 'Lost', idempotencyKey: 'k1' };
  it.each([
    ['submit request', submitRequestSchema, request, ['subject', 'description', 'idempotencyKey']],
    [
      'log contact',
      logContactSchema,
      { channel: 'phone', customerName: 'Ann', customerPhone: '+41 22 000 00 00', ...request },
      ['customerName', 'subject', 'description', 'idempotencyKey'],
    ],
    ['customer reply', customerReplySchema, { number: 1, body: 'Hi', idempotencyKey: 'k' }, ['body', 'idempotencyKey']],
    ['agent reply', replySchema, { number: 1, body: 'Hi' }, ['body']],
    [
      'escalate',
      escalateSchema,
      { number: 1, version: 1, teamId: '00000000-0000-4000-8000-000000000000', reason: 'Needs tier 2' },
      ['reason'],
    ],
    ['resolve', resolveSchema, { number: 1, version: 1, summary: 'Fixed it' }, ['summary']],
    ['survey', surveySchema, { number: 1, csat: 5, nps: 9, comment: 'ok' }, ['comment']],
    [
      'exception',
      raiseExceptionSchema,
      { number: 1, version: 1, incidentAt: '2026-01-01T10:00:00Z', details: 'x'.repeat(40) },
      ['details'],
    ],
    ['sign up', signUpSchema, { name: 'Ann', email: 'ann@example.com', password: 'long enough' }, ['name', 'password']],
    ['sign in', signInSchema, { email: 'ann@example.com', password: 'secret' }, ['password']],
    [
      'customer',
      updateCustomerSchema,
      { customerId: '00000000-0000-4000-8000-000000000000', version: 1, name: 'Ann', email: 'ann@example.com' },
      ['name', 'organization', 'notes', 'tags'],
    ],
    [
      'merge customers',
      mergeCustomersSchema,
      { customerId: '00000000-0000-4000-8000-000000000000', duplicate: 'ann@example.com' },
      ['duplicate'],
    ],
    ['macro', macroSchema, { title: 'Thanks', body: 'Thank you' }, ['title', 'body']],
    ['view filters', viewFiltersSchema, {}, ['tag']],
  ] as const)('%s refuses NUL bytes and lone surrogates in every text field', (_name, schema, valid, fields) => {
    expect(schema.safeParse(valid).success).toBe(true);
    for (const field of fields) {
      refuses(schema, valid, field, NUL);
      refuses(schema, valid, field, LONE_SURROGATE);
    }
  });

  it('tags and bulk reasons refuse NUL bytes', () => {
    expect(tagList.safeParse(`vip,${NUL}`).success).toBe(false);
    const bulk = (reason: string) =>
      bulkSchema.safeParse({ numbers: [1], change: { kind: 'priority', priority: 1, reason } }).success;
    expect(bulk('urgent now')).toBe(true);
    expect(bulk(`urgent ${NUL}`)).toBe(false);
  });
});
