import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { sql } from 'drizzle-orm';
import { seedDemo } from './demo';

const NOW = new Date('2025-02-10T10:00:00Z');

describe('the demo follow-up queues', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    await seedDemo(handle.db, { now: NOW, tickets: 400 });
  }, 120_000);
  afterAll(async () => handle?.close());

  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => rowsOf<T>(await handle.db.execute(query))[0]!;

  it('queues every detractor answer once, as flagDetractor would, the older ones recorded', async () => {
    const r = await one<{ detractors: number; queued: number; open: number; done: number; without: number }>(sql`
      select
        (select count(*)::int from surveys where answered_at is not null and (csat <= 2 or nps <= 6)) as detractors,
        (select count(*)::int from follow_ups where kind = 'detractor') as queued,
        (select count(*)::int from follow_ups where kind = 'detractor' and status = 'open') as open,
        (select count(*)::int from follow_ups where kind = 'detractor' and status = 'done') as done,
        (select count(*)::int from follow_ups where kind = 'detractor' and outcome in ('recovered', 'called_back')
           and root_cause_id is null) as without`);
    expect(r.queued).toBe(r.detractors);
    expect(r.open).toBeGreaterThan(0);
    expect(r.done).toBeGreaterThan(r.open);
    expect(r.without).toBe(0);
  });

  it('records each outcome as an event, and has open and done calls', async () => {
    const r = await one<{ done: number; events: number; openCalls: number; doneCalls: number; causes: number }>(sql`
      select
        (select count(*)::int from follow_ups where status = 'done' or attempts > 0) as done,
        (select count(*)::int from ticket_events where type = 'follow_up_recorded') as events,
        (select count(*)::int from follow_ups f join tickets t on t.id = f.ticket_id
           where f.kind = 'call' and f.status = 'open' and t.status = 'resolved') as "openCalls",
        (select count(*)::int from follow_ups where kind = 'call' and status = 'done') as "doneCalls",
        (select count(*)::int from root_causes where retired_at is null) as causes`);
    expect(r.events).toBe(r.done);
    expect(r.openCalls).toBeGreaterThan(0);
    expect(r.doneCalls).toBeGreaterThan(0);
    expect(r.causes).toBe(5);
  });
});
