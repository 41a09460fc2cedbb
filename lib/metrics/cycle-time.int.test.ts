import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { ticketEvents, tickets, ticketStageSpans } from '@/db/schema';
import { makeCustomer, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { getCycleTimes } from './cycle-time';
import { refreshStageSpans } from './refresh-stage-spans';

/*
 * Stage spans kept by the job from the events (the trigger marks the request), and the cycle-time
 * figures over them against hand counts. Requests sit in 1994 in a team of their own.
 */

const at = (s: string) => new Date(`1994-${s}:00Z`);
const HOUR = 3_600_000;
let handle: DbHandle;
let db: Db;
let teamId: string;
let categoryId: string;
let customerId: string;

/** A request created at `created` that moves through the stages at the given hours after it. */
async function request(
  created: string,
  hours: { opened: number; identified: number; resolved: number; closed?: number },
) {
  const start = at(created);
  const h = (n: number) => new Date(start.getTime() + n * HOUR);
  const [t] = await db
    .insert(tickets)
    .values({ subject: 'Cycle', description: 'x', channel: 'web', customerId, teamId, categoryId, createdAt: start })
    .returning();
  const events: (typeof ticketEvents.$inferInsert)[] = [
    { ticketId: t!.id, type: 'created', toValue: 'web', createdAt: start },
    { ticketId: t!.id, type: 'opened', fromValue: 'inquiry', toValue: 'identification', createdAt: h(hours.opened) },
    {
      ticketId: t!.id,
      type: 'identified',
      fromValue: 'identification',
      toValue: 'resolution',
      createdAt: h(hours.identified),
    },
    { ticketId: t!.id, type: 'resolved', fromValue: 'resolution', toValue: 'follow_up', createdAt: h(hours.resolved) },
  ];
  if (hours.closed !== undefined)
    events.push({
      ticketId: t!.id,
      type: 'status_changed',
      fromValue: 'resolved',
      toValue: 'closed',
      data: { stage: 'follow_up' },
      createdAt: h(hours.closed),
    });
  await db.insert(ticketEvents).values(events);
  return t!;
}

beforeAll(async () => {
  handle = testDb();
  db = handle.db;
  ({ teamId, categoryId } = await makeTeamAndCategory(db));
  customerId = (await makeCustomer(db)).customerId!;
});

afterAll(async () => {
  await handle?.close();
});

describe('cycle time per stage', () => {
  it('derives each request’s spans from its events, once the job has run', async () => {
    const t = await request('02-01T08:00', { opened: 1, identified: 3, resolved: 7, closed: 31 });
    // A run with no time left in its budget starts no batch: the marks wait for the next run.
    expect(await refreshStageSpans(db, 500, 0)).toEqual({ tickets: 0 });
    expect((await refreshStageSpans(db)).tickets).toBeGreaterThan(0);
    const spans = await db
      .select({
        stage: ticketStageSpans.stage,
        durationMs: ticketStageSpans.durationMs,
        endedAt: ticketStageSpans.endedAt,
      })
      .from(ticketStageSpans)
      .where(eq(ticketStageSpans.ticketId, t.id))
      .orderBy(asc(ticketStageSpans.seq));
    expect(spans.map((s) => [s.stage, s.durationMs])).toEqual([
      ['inquiry', 1 * HOUR],
      ['identification', 2 * HOUR],
      ['resolution', 4 * HOUR],
      ['follow_up', 24 * HOUR],
    ]);
    // Running again changes nothing (the dirty mark was consumed); a new event re-derives.
    expect(await refreshStageSpans(db)).toEqual({ tickets: 0 });
  });

  it('medians and p90 per stage from the rollup, by team and category, and the bottleneck against the period before', async () => {
    // March: five requests in the team; resolution takes 2, 4, 6, 8 and 100 hours.
    for (const [i, r] of [2, 4, 6, 8, 100].entries())
      await request(`03-0${i + 1}T08:00`, { opened: 1, identified: 2, resolved: 2 + r });
    // February (the period before, for the bottleneck): resolution took 3 hours, five times.
    for (let i = 0; i < 5; i++) await request(`02-1${i}T08:00`, { opened: 1, identified: 2, resolved: 5 });
    await refreshStageSpans(db);

    const march = { from: at('03-01T00:00'), to: at('03-29T00:00') };
    const c = await getCycleTimes(db, march, { teamId });
    // From the rollup's histogram (STAGE_HISTOGRAM_BOUNDS_MS): exact to the bucket, interpolated in it.
    const resolution = c.overall.find((s) => s.stage === 'resolution')!;
    expect(resolution.count).toBe(5);
    expect(resolution.medianHours).toBeCloseTo(7, 9); // 6 h, in the bucket [6 h, 8 h)
    expect(resolution.p90Hours).toBeCloseTo(10.2, 9); // rank 3.6 falls on 8 h, in [8 h, 10 h)
    expect(resolution.waiting).toBe(0); // a past period: requests still in a stage are not counted
    const inquiry = c.overall.find((s) => s.stage === 'inquiry')!;
    expect([inquiry.count, inquiry.medianHours]).toEqual([5, 1.25]); // five 1 h stays, in [1 h, 1.5 h)
    // No follow-up stay ended in March (none of these was closed).
    expect(c.overall.find((s) => s.stage === 'follow_up')).toMatchObject({ count: 0, medianHours: null });
    expect(c.byTeam.map((g) => g.id)).toEqual([teamId]);
    expect(c.byCategory[0]!.stages.find((s) => s.stage === 'resolution')!.medianHours).toBeCloseTo(7, 9);
    expect(c.bottleneck).toMatchObject({ stage: 'resolution', teamId, count: 5 });
    expect(c.bottleneck!.medianHours).toBeCloseTo(7, 9);
    // February: these five 3 h stays and the first test's 4 h one: rank 2.5 in [3 h, 4 h).
    expect(c.bottleneck!.previousMedianHours).toBeCloseTo(3.6, 9);
    expect(c.includesWaiting).toBe(false);
  });
});
