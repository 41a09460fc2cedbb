import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, customers, qaCriteria, qaReviews, qaSamples, tickets, type Status } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { getQaTrends } from '@/lib/metrics/qa';
import { createCriterion, updateCriterion, updateSampleSize } from './rubric';
import { getWeekSample, listMyReviews, submitReview } from './reviews';
import { addWeeks, weekBounds, weekOf } from './rules';
import { drawSample, drawSampleForWeek } from './sample';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let agent: Actor;
let other: Actor;
let customerId: string;
// Weeks no other test resolves tickets in (each run its own, so reruns never meet old rows).
const base = addWeeks('2003-01-06', Math.floor(Math.random() * 900));
const weekA = base;
const weekB = addWeeks(base, 1);

async function resolved(agentId: string, week: string, n: number, status: Status = 'resolved', dayOffset = 1) {
  const { from } = weekBounds(week);
  const rows = Array.from({ length: n }, (_, i) => ({
    subject: `QA ${week} #${i}`,
    description: 'x',
    channel: 'web' as const,
    customerId,
    status,
    stage: 'follow_up' as const,
    assigneeId: agentId,
    resolvedAt: new Date(from.getTime() + dayOffset * 86_400_000 + i * 60_000),
  }));
  return (await handle.db.insert(tickets).values(rows).returning({ id: tickets.id })).map((r) => r.id);
}

const sampled = async (week: string, agentId: string) =>
  (
    await handle.db
      .select({ ticketId: qaSamples.ticketId })
      .from(qaSamples)
      .where(and(eq(qaSamples.week, week), eq(qaSamples.agentId, agentId)))
  )
    .map((r) => r.ticketId)
    .sort();

/** The rule by hand: the first n by md5(week || id). */
const seeded = (week: string, ids: string[], n: number) =>
  [...ids]
    .sort((x, y) => {
      const hx = createHash('md5')
        .update(week + x)
        .digest('hex');
      const hy = createHash('md5')
        .update(week + y)
        .digest('hex');
      return hx < hy ? -1 : hx > hy ? 1 : 0;
    })
    .slice(0, n)
    .sort();

let agentWeekA: string[];
let agentWeekB: string[];

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead');
  agent = await makeStaff(handle.db, 'agent');
  other = await makeStaff(handle.db, 'agent');
  const [customer] = await handle.db
    .insert(customers)
    .values({ name: 'QA customer', email: `qa-${crypto.randomUUID()}@test.example` })
    .returning();
  customerId = customer!.id;
  agentWeekA = [...(await resolved(agent.userId, weekA, 8)), ...(await resolved(agent.userId, weekA, 4, 'closed', 3))];
  agentWeekB = await resolved(agent.userId, weekB, 12);
  await resolved(other.userId, weekA, 2);
  // Not candidates: open again (reopened), resolved the week before, another agent's.
  await resolved(agent.userId, weekA, 5, 'open');
  await resolved(agent.userId, addWeeks(weekA, -1), 5);
});
afterAll(() => handle.close());

describe('weekly sample', () => {
  it('is the same for the same week, different for another, the size respected', async () => {
    expect(await drawSample(handle.db, weekA, 3)).toBeGreaterThanOrEqual(5);
    const a1 = await sampled(weekA, agent.userId);
    expect(a1).toHaveLength(3);
    // Only this agent's requests resolved (or closed) that week; the seeded order, worked by hand.
    expect(a1).toEqual(seeded(weekA, agentWeekA, 3));
    expect(await sampled(weekA, other.userId)).toHaveLength(2); // fewer resolved than the size: all

    // From scratch again: the very same tickets.
    await handle.db.delete(qaSamples).where(and(eq(qaSamples.week, weekA), eq(qaSamples.agentId, agent.userId)));
    expect(await drawSample(handle.db, weekA, 3)).toBe(3);
    expect(await sampled(weekA, agent.userId)).toEqual(a1);

    // Another week: its own requests, in its own seeded order.
    await drawSample(handle.db, weekB, 3);
    const b = await sampled(weekB, agent.userId);
    expect(b).toEqual(seeded(weekB, agentWeekB, 3));
    expect(b.some((id) => a1.includes(id))).toBe(false);
  });

  it('adds nothing when drawn again, by the job or the button', async () => {
    expect(await drawSample(handle.db, weekA, 3)).toBe(0);
    const again = must(await drawSampleForWeek(handle.db, lead, { week: weekA }));
    expect(again.added).toBe(0);
    expect(await sampled(weekA, agent.userId)).toHaveLength(3);
  });

  it('is drawn by leads only, for a real Monday', async () => {
    expect((await drawSampleForWeek(handle.db, agent, { week: weekA })).ok).toBe(false);
    const bad = await drawSampleForWeek(handle.db, lead, { week: '2026-12-01' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('reviews', () => {
  let accuracy: string;
  let tone: string;
  let sampleId: string;

  beforeAll(async () => {
    // Other tests' criteria may exist: deactivate them so the rubric is ours.
    await handle.db.update(qaCriteria).set({ active: false });
    const tag = Math.random().toString(36).slice(2, 8);
    accuracy = must(await createCriterion(handle.db, admin, { name: `Accuracy ${tag}`, position: 1 })).id;
    tone = must(await createCriterion(handle.db, admin, { name: `Tone ${tag}`, position: 2 })).id;
    const board = await getWeekSample(handle.db, lead, weekA);
    sampleId = board.find((a) => a.agentId === agent.userId)!.tickets[0]!.sampleId;
  });

  it('needs a 1–5 score for every active criterion', async () => {
    const missing = await submitReview(handle.db, lead, { sampleId, [`score_${accuracy}`]: '4' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    expect(!missing.ok && missing.fieldErrors).toHaveProperty(`score_${tone}`);
    const outOfRange = await submitReview(handle.db, lead, {
      sampleId,
      [`score_${accuracy}`]: '6',
      [`score_${tone}`]: '0',
    });
    expect(!outOfRange.ok && Object.keys(outOfRange.fieldErrors ?? {})).toHaveLength(2);
    const saved = must(
      await submitReview(handle.db, lead, {
        sampleId,
        [`score_${accuracy}`]: '5',
        [`score_${tone}`]: '4',
        comment: 'Clear and kind.',
      }),
    );
    expect(saved.score).toBe(4.5);
  });

  it('is refused for a request outside the sample, to agents, and on one’s own request', async () => {
    const scores = { [`score_${accuracy}`]: '3', [`score_${tone}`]: '3' };
    const outside = await submitReview(handle.db, lead, { sampleId: crypto.randomUUID(), ...scores });
    expect(outside).toMatchObject({ ok: false, code: 'not_found' });
    expect(await submitReview(handle.db, agent, { sampleId, ...scores })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await submitReview(handle.db, { ...lead, userId: agent.userId }, { sampleId, ...scores })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('shows agents their own reviews only, with the comment', async () => {
    const mine = await listMyReviews(handle.db, agent);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ comment: 'Clear and kind.', score: 4.5, reviewer: lead.name });
    expect(mine[0]!.scores.map((s) => s.score)).toEqual([5, 4]);
    expect(await listMyReviews(handle.db, other)).toEqual([]);
  });

  it('a second review of the sample replaces the first; the trend averages per week', async () => {
    must(
      await submitReview(handle.db, lead, {
        sampleId,
        [`score_${accuracy}`]: '3',
        [`score_${tone}`]: '2',
        comment: '',
      }),
    );
    expect(await handle.db.select().from(qaReviews).where(eq(qaReviews.sampleId, sampleId))).toHaveLength(1);
    const { from } = weekBounds(weekA);
    const trends = await getQaTrends(handle.db, lead, { from, to: new Date(from.getTime() + 14 * 86_400_000) });
    expect(trends.weeks).toEqual([weekA, weekB]);
    expect(trends.agents.find((l) => l.key === agent.userId)).toMatchObject({ points: [2.5, null], average: 2.5 });
    await expect(getQaTrends(handle.db, agent, { from, to: new Date() })).rejects.toThrow();
  });

  it('rubric and sample size changes are admin-only and audited', async () => {
    expect((await createCriterion(handle.db, lead, { name: 'Nope' })).ok).toBe(false);
    must(await updateCriterion(handle.db, admin, { id: tone, name: 'Tone of voice', position: 2, active: 'on' }));
    must(await updateSampleSize(handle.db, admin, { sampleSize: '4' }));
    const entries = await handle.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, admin.userId));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['qa_criterion.created', 'qa_criterion.changed', 'setting.changed']),
    );
    expect((await updateSampleSize(handle.db, admin, { sampleSize: '99' })).ok).toBe(false);
    must(await updateSampleSize(handle.db, admin, { sampleSize: '3' }));
  });
});

describe('drawing a week that is not over', () => {
  it('is refused: its sample would come from its first days and stay so', async () => {
    const result = await drawSampleForWeek(handle.db, lead, { week: weekOf(new Date()) });
    expect(result).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { week: [expect.any(String)] } });
  });
});
