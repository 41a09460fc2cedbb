import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { tickets } from '@/db/schema';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { groupingSet, refreshRollups } from './rollup';

/*
 * A running SLA target turns "missed" by the clock alone: the refresh recomputes the creation days
 * of tickets whose due time fell in (last refresh, now]. A due time equal to a refresh's `now` is
 * still pending then (missed is `due < clock`), so the next refresh must look at it again.
 */

let handle: DbHandle;
let saved: Date | null = null;

beforeAll(async () => {
  handle = testDb();
  const [state] = rowsOf<{ refreshed_at: Date | string }>(
    await handle.db.execute(sql`select refreshed_at from metric_rollup_state where id = 1`),
  );
  saved = state ? new Date(state.refreshed_at) : null;
});
afterAll(async () => {
  // Other tests of this database read the refresh moment: put it back.
  if (saved)
    await handle.db.execute(
      sql`update metric_rollup_state set refreshed_at = ${saved.toISOString()}::timestamptz where id = 1`,
    );
  await handle.close();
});

describe('rollup refresh and due times', () => {
  it('a first-response target due exactly at a refresh counts as missed after the next one', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const customer = await makeCustomer(handle.db);
    const ticket = must(await submitRequest(handle.db, customer, { subject: 'Due on the dot', description: 'x' }));
    const created = new Date('2021-03-01T08:00:00.000Z');
    const due = new Date('2021-03-01T12:00:00.000Z');
    await handle.db
      .update(tickets)
      .set({ teamId, createdAt: created, firstResponseDueAt: due, resolutionDueAt: new Date('2021-03-09T12:00:00Z') })
      .where(eq(tickets.id, ticket.id));
    await handle.db.execute(
      sql`update metric_rollup_state set refreshed_at = ${new Date(due.getTime() - 3_600_000).toISOString()}::timestamptz where id = 1`,
    );
    await refreshRollups(handle.db, due);
    await refreshRollups(handle.db, new Date(due.getTime() + 60_000));
    const [row] = rowsOf<{ fr_missed: number }>(
      await handle.db.execute(
        sql`select coalesce(sum(fr_missed), 0)::int as fr_missed from metric_rollups where gset = ${groupingSet(['teamId'])} and team_id = ${teamId}`,
      ),
    );
    expect(Number(row?.fr_missed)).toBe(1);
  });
});
