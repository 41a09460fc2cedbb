import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, testDb } from '@/lib/testing/fixtures';
import { getLeadDashboard } from './dashboard';
import { LAST_DAY, parsePeriod } from './period';
import { getQaTrends } from './qa';

/* The dashboard's custom range may end on LAST_DAY: every section must answer, not fail. */

let handle: DbHandle;
let lead: Actor;
beforeAll(async () => {
  handle = testDb();
  lead = await makeStaff(handle.db, 'lead');
});
afterAll(() => handle.close());

describe('a period ending on the last day the dashboard accepts', () => {
  const period = parsePeriod({ from: '9999-11-01', to: LAST_DAY });

  it('is a custom range', () => {
    expect(period.problem).toBeNull();
  });

  it('gives QA trends (no week past year 9999 reaches the query)', async () => {
    const trends = await getQaTrends(handle.db, lead, period);
    expect(trends.weeks.length).toBeGreaterThan(0);
    expect(trends.agents).toEqual([]);
  });

  it('gives the dashboard figures', async () => {
    const dashboard = await getLeadDashboard(handle.db, lead, period);
    expect(dashboard).toBeTruthy();
  });
});
