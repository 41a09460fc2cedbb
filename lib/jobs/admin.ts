import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { jobWriter } from './enqueue';
import { executorOver } from './sql';

/** How /admin/jobs groups pg-boss's states: created and retry are both waiting to run. */
export const JOB_VIEWS = ['queued', 'active', 'failed', 'completed', 'cancelled'] as const;
export type JobView = (typeof JOB_VIEWS)[number];
const STATES: Record<JobView, string[]> = {
  queued: ['created', 'retry'],
  active: ['active'],
  failed: ['failed'],
  completed: ['completed'],
  cancelled: ['cancelled'],
};

export type JobCounts = Record<string, Record<JobView, number>>;

/** Jobs per queue and view (from pg-boss's job table; archived ones are gone from it). */
export async function jobCounts(db: Db, actor: Actor): Promise<JobCounts> {
  requirePermission(actor, 'admin');
  const rows = rowsOf<{ name: string; state: string; n: number }>(
    await db.execute(sql`select name, state::text as state, count(*)::int as n from pgboss.job group by 1, 2`),
  );
  const counts: JobCounts = {};
  for (const row of rows) {
    const view = JOB_VIEWS.find((v) => STATES[v].includes(row.state));
    if (!view) continue;
    counts[row.name] ??= { queued: 0, active: 0, failed: 0, completed: 0, cancelled: 0 };
    counts[row.name]![view] += Number(row.n);
  }
  return counts;
}

export interface JobItem {
  id: string;
  name: string;
  state: string;
  data: unknown;
  /** Runs so far: pg-boss counts retries, and a job waiting for its first run has had none. */
  attempts: number;
  retryLimit: number;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The message of the last failure (pg-boss keeps the thrown error as the job's output). */
  lastError: string | null;
}

export const jobFilterSchema = z.object({
  view: z.enum(JOB_VIEWS).catch('failed'),
  name: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .optional()
    .catch(undefined),
});

const date = (v: unknown): Date | null => (v == null ? null : new Date(v as string));

/** The newest 100 jobs of one view (and queue), newest first. */
export async function listJobs(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<{ items: JobItem[]; view: JobView; name?: string }> {
  requirePermission(actor, 'admin');
  const { view, name } = jobFilterSchema.parse(raw ?? {});
  const states = sql.join(
    STATES[view].map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select id, name, state::text as state, data, retry_count, retry_limit, created_on, start_after,
             started_on, completed_on,
             case when state in ('failed', 'retry') then coalesce(output->>'message', output::text) end as last_error
      from pgboss.job
      where state::text in (${states}) ${name ? sql`and name = ${name}` : sql``}
      order by created_on desc
      limit 100`),
  );
  const items = rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    state: String(r.state),
    data: r.data,
    attempts: Number(r.retry_count) + (r.state === 'created' ? 0 : 1),
    retryLimit: Number(r.retry_limit),
    createdAt: date(r.created_on)!,
    startAfter: date(r.start_after)!,
    startedAt: date(r.started_on),
    completedAt: date(r.completed_on),
    lastError: r.last_error == null ? null : String(r.last_error),
  }));
  return { items, view, ...(name ? { name } : {}) };
}

export const jobActionSchema = z.object({ id: z.uuid('Unknown job.') });

async function lockJob(tx: Db, id: string): Promise<{ name: string; state: string; outboxId: string | null }> {
  const [job] = rowsOf<{ name: string; state: string; outboxId: string | null }>(
    await tx.execute(
      sql`select name, state::text as state, data->>'outboxId' as "outboxId" from pgboss.job where id = ${id} for update`,
    ),
  );
  if (!job) fail('not_found', 'That job does not exist (any more).');
  return job;
}

/** An admin runs a failed job again (one more attempt; pg-boss keeps its history). */
export function retryJob(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string; name: string }>> {
  return runUseCase(db, jobActionSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const job = await lockJob(tx, id);
    if (job.state !== 'failed') fail('conflict', `Only a failed job can be retried; this one is ${job.state}.`);
    await jobWriter().retry(job.name, id, { db: executorOver(tx) });
    await recordAudit(tx, actor, {
      action: 'job.retried',
      entityType: 'job',
      entityId: id,
      entityLabel: job.name,
      before: { state: 'failed' },
      after: { state: 'retry' },
    });
    return { id, name: job.name };
  });
}

/** An admin cancels a job that has not run yet (queued or waiting for a retry). */
export function cancelJob(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string; name: string }>> {
  return runUseCase(db, jobActionSchema, raw, async (tx, { id }) => {
    requirePermission(actor, 'admin');
    const job = await lockJob(tx, id);
    if (!STATES.queued.includes(job.state))
      fail('conflict', `Only a queued job can be cancelled; this one is ${job.state}.`);
    await jobWriter().cancel(job.name, id, { db: executorOver(tx) });
    // A cancelled send means "do not send this mail": the outbox row says so (and can be resent
    // from /admin/outbox), instead of staying queued for mail.flush to pick up again.
    if (job.name === 'mail.send' && job.outboxId)
      await tx.execute(sql`
        update outbox set status = 'failed', failed_at = now(), last_error = 'Sending cancelled by an admin.'
        where id = ${job.outboxId}::uuid and status = 'queued'`);
    await recordAudit(tx, actor, {
      action: 'job.cancelled',
      entityType: 'job',
      entityId: id,
      entityLabel: job.name,
      before: { state: job.state },
      after: { state: 'cancelled' },
    });
    return { id, name: job.name };
  });
}
