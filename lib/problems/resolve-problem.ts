import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { problems, users, type Problem } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';
import { resolveLocked } from '@/lib/pipeline/resolve-ticket';
import { lockTicket } from '@/lib/tickets/store';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { resolveProblemSchema } from './schemas';

/**
 * Linked requests resolved per transaction. The resolve form does the first batch at once (a
 * typical problem is done when the page comes back); the `problems.resolve-linked` job does the
 * rest, one batch per transaction, so 5,000 linked requests are 100 short transactions, never
 * one that holds 5,000 row locks.
 */
export const RESOLVE_BATCH = 50;

/** The statuses still being worked on (ACTIVE_STATUSES, the pipeline's one list), as an SQL list. */
export const ACTIVE = sql.raw(`(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** The problem row, locked for the rest of the transaction (linking and resolving serialise on it). */
export async function lockProblem(tx: Db, id: string, expectedVersion?: number): Promise<Problem> {
  const [problem] = await tx.select().from(problems).where(eq(problems.id, id)).for('update');
  if (!problem) fail('not_found', 'That problem was not found.');
  if (expectedVersion !== undefined && problem.version !== expectedVersion)
    fail('conflict', `${problem.cern} was changed by someone else. Reload to see the latest version, then try again.`);
  return problem;
}

/**
 * Resolves up to `limit` linked requests still being worked on (new, open, pending, on hold) with
 * the problem's summary, through the one resolution path (resolveLocked: the state machine, the
 * save path, the `resolved` event naming the problem, the survey rules, the customer's mail).
 * Resolved and closed requests are left alone. Rows another transaction holds are skipped (the
 * job comes back for them). Returns how many were resolved.
 */
export async function resolveLinkedIn(tx: Db, actor: Actor, problem: Problem, limit = RESOLVE_BATCH): Promise<number> {
  const due = rowsOf<{ number: number }>(
    await tx.execute(sql`
      select t.number from problem_tickets pt join tickets t on t.id = pt.ticket_id
      where pt.problem_id = ${problem.id} and t.status in ${ACTIVE}
      order by t.number limit ${limit}
      for update of t skip locked`),
  );
  for (const { number } of due) {
    const ticket = await lockTicket(tx, Number(number));
    await resolveLocked(tx, actor, ticket, problem.resolutionSummary ?? '', {
      id: problem.id,
      cern: problem.cern,
      title: problem.title,
    });
  }
  return due.length;
}

/** Linked requests still being worked on. */
export async function countOpenLinked(db: Db, problemId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from problem_tickets pt join tickets t on t.id = pt.ticket_id
      where pt.problem_id = ${problemId} and t.status in ${ACTIVE}`),
  );
  return Number(row?.n ?? 0);
}

export interface ResolvedProblem {
  problem: Problem;
  resolved: number;
  /** Left to the `problems.resolve-linked` job. */
  remaining: number;
}

/**
 * A lead resolves a problem with a summary: the problem is resolved, and every linked request
 * still being worked on is resolved with that summary (its customer gets the resolution mail
 * saying a known problem caused it) — the first RESOLVE_BATCH at once, the rest by the job.
 * Requests linked afterwards are resolved when they are linked (groupTickets).
 */
export function resolveProblem(db: Db, actor: Actor, raw: unknown): Promise<Result<ResolvedProblem>> {
  return runUseCase(db, resolveProblemSchema, raw, async (tx, input) => {
    requirePermission(actor, 'problem.manage');
    const problem = await lockProblem(tx, input.problemId, input.version);
    if (problem.status === 'resolved') fail('conflict', `${problem.cern} is already resolved.`);
    const now = new Date();
    const [saved] = await tx
      .update(problems)
      .set({
        status: 'resolved',
        resolutionSummary: input.summary,
        resolvedAt: now,
        resolvedBy: actor.userId,
        updatedAt: now,
        version: sql`${problems.version} + 1`,
      })
      .where(eq(problems.id, problem.id))
      .returning();
    const resolved = await resolveLinkedIn(tx, actor, saved!);
    const remaining = await countOpenLinked(tx, problem.id);
    if (remaining > 0) await enqueue(tx, 'problems.resolve-linked', { problemId: problem.id });
    return { problem: saved!, resolved, remaining };
  });
}

/**
 * The `problems.resolve-linked` job: the rest of a resolved problem's requests, one batch per
 * transaction, as the lead who resolved it. Requests busy in another transaction are skipped;
 * if any remain at the end the job fails and pg-boss retries it later.
 */
export async function resolveLinkedJob(db: Db, data: { problemId: string }): Promise<{ resolved: number }> {
  const [row] = await db
    .select({ problem: problems, user: users })
    .from(problems)
    .innerJoin(users, eq(users.id, problems.resolvedBy))
    .where(and(eq(problems.id, data.problemId), eq(problems.status, 'resolved')));
  if (!row) return { resolved: 0 };
  const actor: Actor = {
    userId: row.user.id,
    role: row.user.role,
    name: row.user.name,
    email: row.user.email,
    customerId: null,
  };
  let resolved = 0;
  for (;;) {
    const n = await db.transaction((tx) => resolveLinkedIn(tx as unknown as Db, actor, row.problem));
    resolved += n;
    if (n < RESOLVE_BATCH) break;
  }
  const remaining = await countOpenLinked(db, data.problemId);
  if (remaining > 0) throw new Error(`${remaining} linked requests were busy; trying again`);
  return { resolved };
}
