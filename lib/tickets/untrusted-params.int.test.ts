import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/core/result';
import { searchInputSchema, searchTickets } from '@/lib/search/search-tickets';
import { makeStaff, testDb } from '@/lib/testing/fixtures';
import { listQueue, QUEUE_VIEWS, type QueueView } from './queue';
import { listView, viewFiltersSchema } from './views';

/**
 * Issue 11: page cursors, filters and search text come from the URL; garbage in any of them
 * made PostgreSQL fail the page (500). Each must be refused as invalid input (400 / the page's
 * "not found") or give an empty result — never another error.
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const uuid = '00000000-0000-4000-8000-000000000000';
const GARBAGE_CURSORS = [
  'garbage',
  '',
  '%00',
  b64(null),
  b64({}),
  b64([1]),
  b64([1, 'x', 'y']),
  b64([99_999_999_999, '2026-01-01T00:00:00Z', uuid]),
  b64([1.5, '2026-01-01T00:00:00Z', uuid]),
  b64([1, '0000-01-01T00:00:00Z', uuid]),
  b64([1, '2026-01-01T00:00:00Z', 'not-a-uuid']),
  b64(['0000-01-01T00:00:00Z', uuid]),
  b64(['2026-13-45T99:99:99Z', uuid]),
  b64(['\u0000', uuid]),
  b64([1e308, 5]),
  b64([1, 99_999_999_999]),
  b64(['x', 'y']),
  'A'.repeat(190),
];

/** Resolves to 'ok' or 'invalid'; any other outcome fails the test with the error. */
async function outcome(read: Promise<unknown>): Promise<'ok' | 'invalid'> {
  try {
    await read;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid') return 'invalid';
    throw error;
  }
}

let handle: DbHandle;
let agent: Actor;
beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

describe('untrusted page parameters', () => {
  it('queue cursors: garbage is invalid input, never a database error', async () => {
    for (const view of Object.keys(QUEUE_VIEWS) as QueueView[]) {
      for (const after of GARBAGE_CURSORS) {
        expect(await outcome(listQueue(handle.db, agent, { view, after })), `${view} ${after}`).toMatch(/ok|invalid/);
      }
    }
  });

  it('view cursors: garbage is invalid input for every sort', async () => {
    for (const sort of ['priority', 'age', 'due', 'updated'] as const) {
      for (const after of GARBAGE_CURSORS) {
        expect(
          await outcome(listView(handle.db, agent, viewFiltersSchema.parse({ sort }), after)),
          `${sort} ${after}`,
        ).toMatch(/ok|invalid/);
      }
    }
  });

  it('view filters: a year-0000 date or a NUL in the tag is refused by the schema', async () => {
    for (const raw of [
      { createdFrom: '0000-01-01' },
      { updatedTo: '0000-12-31' },
      { dueBefore: '0000-02-29' },
      { tag: 'a\u0000b' },
    ]) {
      expect(viewFiltersSchema.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
    }
    // The last day PostgreSQL and the form both accept still works.
    const far = viewFiltersSchema.parse({
      createdFrom: '9999-12-31',
      dueBefore: '9999-12-31',
      updatedTo: '0001-01-01',
    });
    expect((await listView(handle.db, agent, far)).rows).toEqual([]);
  });

  it('search: NUL bytes, CERN-0000-000001 and garbage cursors give results or a 400', async () => {
    for (const q of [
      'CERN-0000-000001',
      'cern 0000 000001',
      'CERN-9999-999999',
      'a\u0000b',
      '\u0000',
      'x\uD800y',
      '#0',
      '#99999999999',
      '%',
      "'",
      '\\',
      '"unterminated',
      '-',
      '& | ! ( )',
      ':*',
    ]) {
      expect(await outcome(searchTickets(handle.db, agent, { q })), JSON.stringify(q)).toMatch(/ok|invalid/);
    }
    expect(searchInputSchema.parse({ q: 'par\u0000cel' }).q).toBe('parcel');
    for (const after of GARBAGE_CURSORS) {
      expect(await outcome(searchTickets(handle.db, agent, { q: 'parcel', after })), after).toMatch(/ok|invalid/);
    }
  });
});
