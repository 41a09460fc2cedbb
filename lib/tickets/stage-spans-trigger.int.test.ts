import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { SPAN_EVENT_TYPES } from '@/lib/metrics/refresh-stage-spans';
import { testDb } from '@/lib/testing/fixtures';

/**
 * The stage-span trigger (migration 0022, replaced by 0025_cycle: mark_stage_spans_dirty) filters
 * events by a list of types written in SQL; lib/metrics/refresh-stage-spans.ts reads its own list. Committed
 * migrations are immutable, so the two are kept equal by this test: it reads the function as the
 * database has it (after every migration, so a later one that replaces it is what counts).
 */
let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

/** The quoted names of the trigger function's `type IN (…)` filter. */
function typesInFilter(source: string): string[] {
  const list = /type\s+in\s*\(([^)]*)\)/i.exec(source)?.[1];
  if (list === undefined) throw new Error(`no "type IN (…)" filter in:\n${source}`);
  return [...list.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

describe('the stage-span trigger and stage-spans.ts name the same event types', () => {
  it('reads the list from the function in the database', () => {
    expect(typesInFilter("WHERE type IN ('created', 'opened')")).toEqual(['created', 'opened']);
    expect(() => typesInFilter('SELECT 1')).toThrow(/no "type IN/);
  });

  it('marks a request dirty on its creation and on exactly the events that move it between stages or teams/categories', async () => {
    const [fn] = rowsOf<{ source: string }>(
      await handle.db.execute(sql`select pg_get_functiondef('mark_stage_spans_dirty'::regproc) as source`),
    );
    expect(fn).toBeDefined();
    expect(typesInFilter(fn!.source).sort()).toEqual(['created', ...SPAN_EVENT_TYPES].sort());
  });
});
