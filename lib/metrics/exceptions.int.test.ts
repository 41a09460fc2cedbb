import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { surveys, tickets } from '@/db/schema';
import { makeCustomer, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { csatFromCounts } from './definitions';
import { getExceptionFigures } from './exceptions';

/*
 * Exception figures against a hand count. The tickets sit in 1993 in a team of their own, and the
 * figures are scoped to that team, so other tests' rows never count.
 */

const at = (s: string) => new Date(`1993-${s}:00Z`);
const period = { from: at('05-01T00:00'), to: at('06-01T00:00') };

let handle: DbHandle;
let db: Db;
let teamId: string;
let categoryId: string;
let customerId: string;

async function ticket(values: Partial<typeof tickets.$inferInsert> & { csat?: number }) {
  const { csat, ...rest } = values;
  const [row] = await db
    .insert(tickets)
    .values({
      subject: 'Exception figures',
      description: 'x',
      channel: 'web',
      customerId,
      teamId,
      categoryId,
      createdAt: at('04-20T00:00'),
      ...rest,
    })
    .returning();
  if (csat !== undefined)
    await db.insert(surveys).values({ ticketId: row!.id, token: randomUUID(), csat, answeredAt: at('05-20T00:00') });
  return row!;
}

beforeAll(async () => {
  handle = testDb();
  db = handle.db;
  ({ teamId, categoryId } = await makeTeamAndCategory(db));
  customerId = (await makeCustomer(db)).customerId!;
  // CERN-YYYY-NNNNNN: a random run of six digits, so reruns on one database never collide.
  let next = 100_000 + Math.floor(Math.random() * 800_000);
  const cern = () => `CERN-1993-${next++}`;
  // Raised in May, resolved in May after 10 h, 20 h and 30 h (one reopened); CSAT 5 and 2.
  await ticket({
    cern: cern(),
    exceptionRaisedAt: at('05-02T00:00'),
    resolvedAt: at('05-02T10:00'),
    status: 'resolved',
    csat: 5,
  });
  await ticket({
    cern: cern(),
    exceptionRaisedAt: at('05-03T00:00'),
    resolvedAt: at('05-03T20:00'),
    status: 'resolved',
    reopenCount: 1,
    csat: 2,
  });
  await ticket({ cern: cern(), exceptionRaisedAt: at('04-28T00:00'), resolvedAt: at('05-05T06:00'), status: 'closed' });
  // Raised in May, still open now.
  await ticket({ cern: cern(), exceptionRaisedAt: at('05-10T00:00'), status: 'open' });
  // Raised before May, open: open but not raised in the period.
  await ticket({ cern: cern(), exceptionRaisedAt: at('04-25T00:00'), status: 'pending' });
  // Not exceptions: three surveys (5, 4, 1) count for the rest only.
  await ticket({ status: 'resolved', resolvedAt: at('05-04T00:00'), csat: 5 });
  await ticket({ status: 'resolved', resolvedAt: at('05-04T00:00'), csat: 4 });
  await ticket({ status: 'resolved', resolvedAt: at('05-04T00:00'), csat: 1 });
});

afterAll(async () => {
  await handle?.close();
});

describe('exception figures', () => {
  it('counts raised, open, time to resolve (median, p90), reopened and CSAT against the rest', async () => {
    // The period's overall CSAT in the team: five surveys, 5 2 5 4 1 → 3 satisfied, total 17.
    const overall = csatFromCounts(5, 3, 17);
    const f = await getExceptionFigures(db, period, overall, eq(tickets.teamId, teamId));
    expect(f.raised).toBe(3);
    expect(f.open).toBe(2);
    expect(f.resolved).toBe(3);
    // 10 h, 20 h, 174 h (28 Apr → 5 May 06:00): median 20 h; p90 interpolates 20 + 0.8 × 154.
    expect(f.medianHours).toBeCloseTo(20, 9);
    expect(f.p90Hours).toBeCloseTo(20 + 0.8 * 154, 9);
    expect(f.reopened).toEqual({ total: 3, count: 1, share: 1 / 3 });
    expect(f.csatExceptions).toEqual(csatFromCounts(2, 1, 7));
    expect(f.csatRest).toEqual(csatFromCounts(3, 2, 10));
    expect(f.byTeam).toHaveLength(1);
    expect(f.byTeam[0]).toMatchObject({ id: teamId, raised: 3, open: 2, resolved: 3 });
    expect(f.byTeam[0]!.medianHours).toBeCloseTo(20, 9);
    expect(f.byCategory[0]).toMatchObject({ id: categoryId, raised: 3, open: 2, resolved: 3 });
  });

  it('a period with no exceptions has none (no data, not zero hours)', async () => {
    const empty = { from: at('07-01T00:00'), to: at('08-01T00:00') };
    const f = await getExceptionFigures(db, empty, csatFromCounts(0, 0, 0), eq(tickets.teamId, teamId));
    expect(f.raised).toBe(0);
    expect(f.resolved).toBe(0);
    expect(f.medianHours).toBeNull();
    expect(f.reopened.share).toBeNull();
    expect(f.open).toBe(2); // open is as of now, whatever the period
    expect(f.csatRest.answered).toBe(0);
  });
});
