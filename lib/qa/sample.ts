import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { qaSamples, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { getSettings } from '@/lib/settings/settings';
import { addWeeks, parseWeek, weekBounds, weekOf } from './rules';

/**
 * Draws week `week`'s sample: for each agent, `size` of the requests they resolved that week
 * (assignee of a request resolved or closed whose resolved_at falls in the week), picked by
 * md5(week || ticket id) — a seeded shuffle, so the same week always gives the same requests and
 * another week a different order. An agent who already has a sample for the week is left alone,
 * so drawing again (the job and a lead's button, or twice) adds nothing. Returns the rows added.
 */
export async function drawSample(db: Db, week: string, size: number): Promise<number> {
  if (size <= 0) return 0;
  const { from, to } = weekBounds(week);
  const resolved = db
    .select({
      ticketId: tickets.id,
      agentId: tickets.assigneeId,
      rank: sql<number>`row_number() over (partition by ${tickets.assigneeId} order by md5(${week}::text || ${tickets.id}::text))`.as(
        'rank',
      ),
    })
    .from(tickets)
    .where(
      and(
        inArray(tickets.status, ['resolved', 'closed']),
        gte(tickets.resolvedAt, from),
        lt(tickets.resolvedAt, to),
        isNotNull(tickets.assigneeId),
        sql`not exists (select 1 from ${qaSamples} where ${qaSamples.week} = ${week} and ${qaSamples.agentId} = ${tickets.assigneeId})`,
      ),
    )
    .as('resolved');
  const added = await db
    .insert(qaSamples)
    .select(
      db
        .select({
          id: sql`gen_random_uuid()`.as('id'),
          week: sql`${week}::date`.as('week'),
          agentId: sql`${resolved.agentId}`.as('agent_id'),
          ticketId: resolved.ticketId,
          createdAt: sql`now()`.as('created_at'),
        })
        .from(resolved)
        .where(sql`${resolved.rank} <= ${size}`),
    )
    .onConflictDoNothing()
    .returning({ id: qaSamples.id });
  return added.length;
}

const drawSchema = z.object({
  week: z.string().transform((v, ctx) => {
    const week = parseWeek(v);
    if (!week) {
      ctx.addIssue({ code: 'custom', message: 'Choose a week (its Monday).' });
      return z.NEVER;
    }
    return week;
  }),
});

/** A lead's "Draw sample for week …" (leads and admins): the admin's size, the same seeded draw. */
export function drawSampleForWeek(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ week: string; added: number }>> {
  return runUseCase(db, drawSchema, raw, async (tx, input) => {
    requirePermission(actor, 'qa.review');
    // A week still running would be sampled from its first days, and that sample kept for good
    // (an agent once sampled is never drawn again): the same week would not give the same sample.
    if (weekBounds(input.week).to.getTime() > Date.now())
      fail('invalid', 'This week is not over yet: draw its sample from Monday on.', {
        week: ['This week is not over yet: draw its sample from Monday on.'],
      });
    // One draw of a week at a time: a second one waits, then finds the agents sampled.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qa-sample'), hashtext(${input.week}))`);
    const { sampleSize } = (await getSettings(tx)).qa;
    return { week: input.week, added: await drawSample(tx, input.week, sampleSize) };
  });
}

/** The scheduled job (Monday morning): last week's sample, at the admin's size. */
export async function qaSampleJob(db: Db, now = new Date()): Promise<{ week: string; added: number }> {
  const week = addWeeks(weekOf(now), -1);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qa-sample'), hashtext(${week}))`);
    const { sampleSize } = (await getSettings(tx)).qa;
    return { week, added: await drawSample(tx, week, sampleSize) };
  });
}

/** How many of an agent's requests were sampled in a week (tests, the page's counts). */
export async function sampleCount(db: Db, week: string, agentId: string): Promise<number> {
  const rows = await db
    .select({ id: qaSamples.id })
    .from(qaSamples)
    .where(and(eq(qaSamples.week, week), eq(qaSamples.agentId, agentId)));
  return rows.length;
}
