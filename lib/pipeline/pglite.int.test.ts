import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { makeCustomer, makeStaff, makeTeamAndCategory } from '@/lib/testing/fixtures';
import { bulkUpdate } from './bulk-update';
import { identifyTicket } from './identify-ticket';
import { raiseException } from './raise-exception';
import { resolveTicket } from './resolve-ticket';
import { submitRequest } from './submit-request';

// The embedded database runs the same migrations and the same use cases as PostgreSQL.
describe('the pipeline on embedded PGlite', () => {
  let handle: DbHandle;
  let agent: Actor;
  let customer: Actor;
  let categoryId: string;

  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    const team = await makeTeamAndCategory(handle.db);
    categoryId = team.categoryId;
    agent = await makeStaff(handle.db, 'agent', team.teamId);
    customer = await makeCustomer(handle.db);
  }, 60_000);
  afterAll(() => handle.close());

  it('carries a request from inquiry to follow-up with a CERN', async () => {
    const created = await submitRequest(handle.db, customer, {
      subject: 'Locked out',
      description: 'Cannot sign in since this morning.',
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.data.number).toBe(1001);
    const identified = await identifyTicket(handle.db, agent, {
      number: 1001,
      version: created.data.version,
      categoryId,
      severity: 1,
      impact: 'many',
    });
    if (!identified.ok) throw new Error(identified.message);
    expect(identified.data.priority).toBe(1);
    const raised = await raiseException(handle.db, agent, {
      number: 1001,
      version: identified.data.version,
      incidentAt: '2026-02-01T08:00:00+01:00',
      details: 'Every customer on the EU cluster is locked out.',
    });
    if (!raised.ok) throw new Error(raised.message);
    expect(raised.data.cern).toBe(`CERN-${new Date().getUTCFullYear()}-000001`);
    const stale = await resolveTicket(handle.db, agent, {
      number: 1001,
      version: identified.data.version,
      summary: 'Restarted the identity service.',
    });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    const resolved = await resolveTicket(handle.db, agent, {
      number: 1001,
      version: raised.data.version,
      summary: 'Restarted the identity service.',
    });
    expect(resolved).toMatchObject({ ok: true, data: { status: 'resolved', stage: 'follow_up' } });
  });

  it('runs the set-based bulk change and bulk merge', async () => {
    const made = [];
    for (const subject of ['Invoice twice', 'Charged twice', 'Double charge']) {
      const r = await submitRequest(handle.db, customer, { subject, description: 'Same issue, three requests.' });
      if (!r.ok) throw new Error(r.message);
      made.push(r.data.number);
    }
    expect(
      await bulkUpdate(handle.db, agent, { numbers: made, change: { kind: 'status', status: 'pending' } }),
    ).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(made) } });
    expect(
      await bulkUpdate(handle.db, agent, { numbers: made, change: { kind: 'merge', into: made[0] } }),
    ).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(made), refused: [] } });
  });
});
