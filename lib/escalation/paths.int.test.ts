import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { setEscalationPath } from './paths';

let handle: DbHandle;
let admin: Actor;
beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
});
afterAll(() => handle.close());

describe('saving an escalation path beside ticket saves', () => {
  it('does not wait on the key-share locks of ticket inserts and team changes (no deadlock with them)', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const outcome = await handle.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      // What a ticket insert or team change holds until it commits: the FK check's KEY SHARE on the team.
      await tx.execute(sql`select id from teams where id = ${teamId} for key share`);
      const save = setEscalationPath(handle.db, admin, { teamId, tier: 2, escalatesToId: '' });
      const blocked = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 1500));
      const first = await Promise.race([save, blocked]);
      // Blocked, it finishes once this transaction (the "ticket save") commits.
      if (first === 'blocked') return first;
      return must(first).tier;
    });
    expect(outcome).toBe(2);
  });
});
