import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, rowsOf, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { auditLog, outbox } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { queueMail } from '@/lib/mail/queue';
import { composeMail } from '@/lib/mail/templates/layout';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { cancelJob, jobCounts, listJobs, retryJob } from './admin';
import { enqueue } from './enqueue';
import type { JobDefinition, JobHandler } from './registry';
import { startJobs, type JobRunner } from './runner';

/** Polls until `check` passes (each job run takes a polling round trip). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function testJob(
  run: JobHandler<{ i?: number; marker?: string }>,
  options: Partial<JobDefinition> = {},
): JobDefinition {
  return {
    name: `test-${randomUUID().slice(0, 8)}`,
    retryLimit: 2,
    retryDelay: 1,
    retryBackoff: true,
    expireInSeconds: 30,
    run: run as JobHandler<never>,
    ...options,
  };
}

const QUICK = { schedule: false, supervise: false, pollingIntervalSeconds: 0.5 } as const;

async function jobState(db: Db, id: string): Promise<string | undefined> {
  const [row] = rowsOf<{ state: string }>(
    await db.execute(sql`select state::text as state from pgboss.job where id = ${id}`),
  );
  return row?.state;
}

describe('background jobs (pg-boss on PostgreSQL)', () => {
  let handle: DbHandle;
  let admin: Actor;
  const runners: JobRunner[] = [];
  const start = async (jobs: JobDefinition[], h: DbHandle = handle) => {
    const runner = await startJobs(h, { jobs, ...QUICK });
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    handle = testDb();
    admin = await makeStaff(handle.db, 'admin');
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop(2000)));
    await handle.close();
  });

  it('runs each job exactly once with two workers on the same database', async () => {
    const seen = new Map<number, number>();
    const job = testJob(async ({ i }) => {
      seen.set(i!, (seen.get(i!) ?? 0) + 1);
    });
    // Two instances, as two app processes would be: each has its own pg-boss and pool.
    const second = openDb({ max: 2 });
    try {
      await start([job]);
      await start([job], second);
      const n = 40;
      await handle.db.transaction(async (tx) => {
        for (let i = 0; i < n; i++) await enqueue(tx as unknown as Db, job.name, { i });
      });
      await until(async () => (await jobCounts(handle.db, admin))[job.name]?.completed === n);
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await Promise.all(runners.splice(0).map((r) => r.stop(2000)));
      await second.close();
    }
  });

  it('retries a failing job with growing delays, then succeeds', async () => {
    const runs: number[] = [];
    const job = testJob(
      async () => {
        runs.push(Date.now());
        if (runs.length < 3) throw new Error(`not yet (${runs.length})`);
      },
      { retryLimit: 3, retryDelay: 1 },
    );
    await start([job]);
    const id = await enqueue(handle.db, job.name, {});
    await until(async () => (await jobState(handle.db, id)) === 'completed');
    expect(runs).toHaveLength(3);
    // Backoff: the first retry waits 1–2 s, the second 2–4 s.
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(900);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(1900);
  });

  it('keeps a job that used up its retries as failed with its last error; an admin retries it', async () => {
    let runs = 0;
    let healed = false;
    const job = testJob(
      async () => {
        runs++;
        if (!healed) throw new Error(`mail server said no (run ${runs})`);
      },
      { retryLimit: 1, retryDelay: 1 },
    );
    await start([job]);
    const id = await enqueue(handle.db, job.name, { marker: 'dead' });
    await until(async () => (await jobState(handle.db, id)) === 'failed');
    const failed = await listJobs(handle.db, admin, { view: 'failed', name: job.name });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ id, attempts: 2, lastError: 'mail server said no (run 2)' });
    expect((await jobCounts(handle.db, admin))[job.name]).toMatchObject({ failed: 1, queued: 0 });

    healed = true;
    const retried = must(await retryJob(handle.db, admin, { id }));
    expect(retried).toEqual({ id, name: job.name });
    await until(async () => (await jobState(handle.db, id)) === 'completed');
    expect(runs).toBe(3);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'job.retried'), eq(auditLog.entityId, id)));
    expect(audit).toMatchObject({ actorUserId: admin.userId, entityType: 'job', entityLabel: job.name });
    // Only a failed job can be retried.
    expect(await retryJob(handle.db, admin, { id })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('cancels a queued job, which then never runs; only admins may', async () => {
    let ran = false;
    const job = testJob(async () => {
      ran = true;
    });
    await start([job]);
    const id = await enqueue(handle.db, job.name, {}, { startAfter: 3600 });
    const agent = await makeStaff(handle.db, 'agent');
    expect(await cancelJob(handle.db, agent, { id })).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(listJobs(handle.db, agent, { view: 'queued' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(jobCounts(handle.db, agent)).rejects.toMatchObject({ code: 'forbidden' });
    must(await cancelJob(handle.db, admin, { id }));
    expect(await jobState(handle.db, id)).toBe('cancelled');
    expect((await listJobs(handle.db, admin, { view: 'cancelled', name: job.name })).items.map((j) => j.id)).toEqual([
      id,
    ]);
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'job.cancelled'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(1);
    expect(await cancelJob(handle.db, admin, { id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await cancelJob(handle.db, admin, { id: randomUUID() })).toMatchObject({ ok: false, code: 'not_found' });
    expect(ran).toBe(false);
  });

  it('cancelling a mail send marks the mail failed, so mail.flush does not send it after all', async () => {
    const mail = composeMail({ subject: 'Do not send', paragraphs: ['Written by mistake.'] });
    const queued = await handle.db.transaction((tx) =>
      queueMail(tx as unknown as Db, { kind: 'other', to: `nobody.${randomUUID()}@example.com`, mail }),
    );
    const [job] = rowsOf<{ id: string }>(
      await handle.db.execute(
        sql`select id from pgboss.job where name = 'mail.send' and data->>'outboxId' = ${queued!.id} and state < 'active'`,
      ),
    );
    must(await cancelJob(handle.db, admin, { id: job!.id }));
    const [row] = await handle.db.select().from(outbox).where(eq(outbox.id, queued!.id));
    expect(row).toMatchObject({ status: 'failed', lastError: 'Sending cancelled by an admin.' });
  });

  it('stops the pg-boss it started when setting up its queues fails, so a retried start leaks nothing', async () => {
    const stop = vi.spyOn(PgBoss.prototype, 'stop');
    try {
      const broken = testJob(async () => undefined, { name: '!!!' });
      await expect(startJobs(handle, { jobs: [broken], ...QUICK })).rejects.toThrow();
      expect(stop).toHaveBeenCalledTimes(1);
    } finally {
      stop.mockRestore();
    }
  });

  it('leaves no job behind when the transaction that enqueued it rolls back', async () => {
    const marker = randomUUID();
    await expect(
      handle.db.transaction(async (tx) => {
        await enqueue(tx as unknown as Db, 'tickets.auto-close', { marker });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = rowsOf(await handle.db.execute(sql`select id from pgboss.job where data->>'marker' = ${marker}`));
    expect(rows).toHaveLength(0);
    // …and one that commits is there.
    await handle.db.transaction(async (tx) => {
      await enqueue(tx as unknown as Db, 'tickets.auto-close', { marker }, { startAfter: 3600 });
    });
    const committed = rowsOf<{ id: string }>(
      await handle.db.execute(sql`select id from pgboss.job where data->>'marker' = ${marker}`),
    );
    expect(committed).toHaveLength(1);
    must(await cancelJob(handle.db, admin, { id: committed[0]!.id }));
  });
});

describe('background jobs on embedded PGlite', () => {
  let lite: DbHandle;
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    lite = openDb({ dataDir: 'memory://' });
    await runMigrations(lite);
  }, 60_000);
  afterAll(async () => {
    await runner?.stop(2000);
    await lite.close();
  });

  it('starts pg-boss on the same PGlite and runs a job enqueued in a transaction', async () => {
    const handled: string[] = [];
    const job = testJob(async ({ marker }) => {
      handled.push(marker!);
    });
    runner = await startJobs(lite, { jobs: [job], ...QUICK });
    const id = await lite.db.transaction((tx) => enqueue(tx as unknown as Db, job.name, { marker: 'on pglite' }));
    await until(async () => (await jobState(lite.db, id)) === 'completed');
    expect(handled).toEqual(['on pglite']);
  }, 60_000);
});
