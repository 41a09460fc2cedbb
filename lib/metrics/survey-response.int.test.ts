import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { surveys, ticketEvents } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { getLeadSurveyResponse, getSurveyResponse } from './survey-response';

/* Surveys sent in a hand-made May 1987 (far from every other test's rows), worked out by hand. */
const at = (dayTime: string) => new Date(`1987-05-${dayTime}:00Z`);
const period = { from: at('04T00:00'), to: at('11T00:00') };
const HOUR = 3_600_000;

let handle: DbHandle;
let customer: Actor;
beforeAll(async () => {
  handle = testDb();
  customer = await makeCustomer(handle.db, 'Response Rate Customer');
  const rows: (typeof surveys.$inferInsert)[] = [];
  const plan: { sent: string; afterHours?: number; reminded?: boolean; fixed?: boolean }[] = [
    { sent: '04T09:00', afterHours: 2 },
    { sent: '05T09:00', afterHours: 4, fixed: false },
    { sent: '06T09:00', afterHours: 10, fixed: true },
    { sent: '07T09:00', reminded: true },
    // Sent before the period and answered in it: not in the period's cohort.
    { sent: '03T09:00', afterHours: 30 },
  ];
  for (const [i, p] of plan.entries()) {
    const t = must(await submitRequest(handle.db, customer, { subject: `Rate ${i}`, description: 'Response rate.' }));
    const sentAt = at(p.sent);
    rows.push({
      ticketId: t.id,
      token: randomUUID(),
      sentAt,
      csat: p.afterHours ? 4 : null,
      answeredAt: p.afterHours ? new Date(sentAt.getTime() + p.afterHours * HOUR) : null,
      fixed: p.fixed ?? null,
      reminderSentAt: p.reminded ? new Date(sentAt.getTime() + 72 * HOUR) : null,
    });
    if (i < 2)
      await handle.db.insert(ticketEvents).values({
        ticketId: t.id,
        type: 'survey_skipped',
        data: { reason: 'recently_surveyed' },
        createdAt: i === 0 ? at('08T12:00') : at('20T12:00'),
      });
  }
  await handle.db.insert(surveys).values(rows);
});
afterAll(() => handle.close());

describe('survey response rate', () => {
  it('counts the surveys sent in the period, how many of them were answered, and the median wait', async () => {
    expect(await getSurveyResponse(handle.db, period)).toEqual({
      sent: 4,
      response: { count: 3, total: 4, share: 0.75 },
      medianHoursToAnswer: 4,
      reminded: 1,
      notFixed: 1,
      skipped: 1,
    });
  });

  it('an empty period has no rate (not 0%), and only leads and admins may read it', async () => {
    const empty = { from: at('20T00:00'), to: at('21T00:00') };
    expect(await getSurveyResponse(handle.db, empty)).toMatchObject({
      sent: 0,
      response: { share: null },
      medianHoursToAnswer: null,
    });
    const agent = await makeStaff(handle.db, 'agent');
    await expect(getLeadSurveyResponse(handle.db, agent, period)).rejects.toMatchObject({ code: 'forbidden' });
    const lead = await makeStaff(handle.db, 'lead');
    expect((await getLeadSurveyResponse(handle.db, lead, period)).sent).toBe(4);
  });
});
