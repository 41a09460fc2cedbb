import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings, qaCriteria, qaReviews, qaSamples, tickets, users } from '@/db/schema';
import { reviewScore, addWeeks, weekOf } from '@/lib/qa/rules';
import { drawSample } from '@/lib/qa/sample';

/** The demo's rubric: what a lead scores each sampled request on (1–5). */
export const DEMO_QA_CRITERIA = [
  { name: 'Accuracy', description: 'The answer was correct and complete; nothing had to be asked twice.', position: 1 },
  { name: 'Tone', description: 'Friendly, clear and in plain words; the customer felt heard.', position: 2 },
  {
    name: 'Followed procedure',
    description: 'Identified, categorised and resolved as the process says, with a resolution summary.',
    position: 3,
  },
] as const;

const COMMENTS = [
  'Spot on, and the summary made the fix easy to reuse. Nice work.',
  'Right answer; the first reply could have said what happens next.',
  'Friendly and quick. Add the category before resolving next time.',
  'Good catch on the root cause; a shorter reply would have read better.',
];
const SCORE_CYCLE = [
  [5, 4, 5],
  [4, 4, 3],
  [4, 5, 3],
  [3, 4, 4],
];

/**
 * Quality review in the demo: the rubric, a sample size of 3, last week's sample drawn (the
 * Monday job's seeded draw), and a few reviews by the lead with comments — agent@demo.test's
 * first among them, so Alex reads one under "My reviews".
 */
export async function seedQa(tx: Db, now: Date): Promise<void> {
  await tx
    .insert(appSettings)
    .values({ key: 'qa', value: { sampleSize: 3 } })
    .onConflictDoNothing();
  const criteria = await tx
    .insert(qaCriteria)
    .values([...DEMO_QA_CRITERIA])
    .returning({ id: qaCriteria.id });
  const lastWeek = addWeeks(weekOf(now), -1);
  await drawSample(tx, lastWeek, 3);
  // The week before too, so the dashboard's trend has two points.
  const weekBefore = addWeeks(lastWeek, -1);
  await drawSample(tx, weekBefore, 3);

  const [lead] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'lead@demo.test'));
  const [alex] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'agent@demo.test'));
  if (!lead) return;
  const samples = await tx
    .select({ id: qaSamples.id, agentId: qaSamples.agentId, ticketId: qaSamples.ticketId, week: qaSamples.week })
    .from(qaSamples)
    .innerJoin(tickets, eq(tickets.id, qaSamples.ticketId))
    .where(inArray(qaSamples.week, [lastWeek, weekBefore]))
    .orderBy(asc(qaSamples.week), asc(tickets.number));
  // One per agent and week (two trend points each), Alex's week before first; Alex's last week is
  // left for the lead to review (the e2e journey does), as are the others' second and third.
  const firstOfWeek = samples.filter(
    (s, i, all) => all.findIndex((o) => o.agentId === s.agentId && o.week === s.week) === i,
  );
  const chosen = [
    ...firstOfWeek.filter((s) => s.agentId === alex?.id && s.week === weekBefore),
    ...firstOfWeek.filter((s) => s.agentId !== alex?.id),
  ];
  const rows = chosen.map((s, i) => {
    const cycle = SCORE_CYCLE[i % SCORE_CYCLE.length]!;
    const scores = Object.fromEntries(criteria.map((c, k) => [c.id, cycle[k]!]));
    return {
      sampleId: s.id,
      ticketId: s.ticketId,
      agentId: s.agentId,
      reviewerId: lead.id,
      scores,
      score: reviewScore(scores)!,
      comment: COMMENTS[i % COMMENTS.length]!,
      createdAt: new Date(now.getTime() - (chosen.length - i) * 3_600_000),
      updatedAt: new Date(now.getTime() - (chosen.length - i) * 3_600_000),
    };
  });
  if (rows.length > 0) await tx.insert(qaReviews).values(rows).onConflictDoNothing();
}
