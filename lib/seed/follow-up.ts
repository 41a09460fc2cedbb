import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import {
  followUps,
  notifications,
  rootCauses,
  surveys,
  teams,
  ticketEvents,
  tickets,
  users,
  type FollowUpOutcome,
} from '@/db/schema';
import { detractorSummary, isDetractor } from '@/lib/follow-up/detractor';
import { MAX_CALL_ATTEMPTS } from '@/lib/follow-up/outcomes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEMO_ROOT_CAUSES = [
  'Slow first response',
  'Wrong answer',
  'Product defect',
  'Policy',
  'Had to repeat themselves',
] as const;

/** Deterministic cycle of detractor outcomes: mostly recovered, some called back, a few not reachable. */
const DETRACTOR_OUTCOMES: readonly FollowUpOutcome[] = [
  'recovered',
  'called_back',
  'recovered',
  'not_reachable',
  'recovered',
  'called_back',
  'recovered',
];
/** Root causes by frequency, so the dashboard's ranking reads like a real one. */
const CAUSE_CYCLE = [0, 1, 2, 0, 4, 1, 0, 3, 2, 4, 0, 1];

const NOTES: Partial<Record<FollowUpOutcome, string>> = {
  recovered: 'Apologised and explained what went wrong; the customer is happy to stay with us.',
  called_back: 'Listened and apologised; the customer appreciated the call but is still unhappy with the answer.',
  not_reachable: 'Tried twice by phone and once by e-mail; no reply.',
  confirmed_fixed: 'The customer confirmed it works now.',
  no_answer: `Called ${MAX_CALL_ATTEMPTS} times without an answer.`,
};

/**
 * The follow-up queues of the demo (after the stories are inserted): the admin's root causes; a
 * detractor follow-up for every low survey answer (as flagDetractor would have made), the older
 * ones recorded by their team's lead and the last ten days' still open; a few follow-up calls —
 * open ones on resolved requests, and done ones on requests the call confirmed or that closed
 * after unanswered tries.
 */
export async function seedFollowUps(tx: Db, now: Date): Promise<{ events: number }> {
  const causes = await tx
    .insert(rootCauses)
    .values(DEMO_ROOT_CAUSES.map((name, i) => ({ name, sort: i, createdAt: new Date(now.getTime() - 90 * DAY) })))
    .returning({ id: rootCauses.id, name: rootCauses.name });
  await tx
    .insert(rootCauses)
    .values({ name: 'Courier strike', sort: 9, createdAt: new Date(now.getTime() - 90 * DAY), retiredAt: now });

  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.test'));
  const answered = await tx
    .select({
      surveyId: surveys.id,
      ticketId: surveys.ticketId,
      csat: surveys.csat,
      nps: surveys.nps,
      comment: surveys.comment,
      answeredAt: surveys.answeredAt,
      teamId: tickets.teamId,
      leadId: teams.leadId,
    })
    .from(surveys)
    .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .where(isNotNull(surveys.answeredAt))
    .orderBy(asc(surveys.answeredAt), asc(surveys.id));
  const detractors = answered.filter(isDetractor);

  const rows: (typeof followUps.$inferInsert)[] = [];
  const events: (typeof ticketEvents.$inferInsert)[] = [];
  const told: (typeof notifications.$inferInsert)[] = [];
  detractors.forEach((d, i) => {
    const at = d.answeredAt!;
    const recent = now.getTime() - at.getTime() < 10 * DAY;
    const base = {
      kind: 'detractor' as const,
      ticketId: d.ticketId,
      surveyId: d.surveyId,
      teamId: d.teamId,
      ownerId: d.leadId,
      csat: d.csat,
      nps: d.nps,
      comment: d.comment,
      createdAt: at,
    };
    if (recent) {
      rows.push(base);
      if (d.leadId)
        told.push({
          userId: d.leadId,
          ticketId: d.ticketId,
          kind: 'detractor',
          summary: detractorSummary(d),
          createdAt: at,
        });
      return;
    }
    const outcome = DETRACTOR_OUTCOMES[i % DETRACTOR_OUTCOMES.length]!;
    const cause = outcome === 'not_reachable' ? null : causes[CAUSE_CYCLE[i % CAUSE_CYCLE.length]!]!;
    const doneAt = new Date(at.getTime() + (20 + (i % 5) * 11) * HOUR);
    const doneBy = d.leadId ?? admin?.id ?? null;
    rows.push({
      ...base,
      status: 'done',
      outcome,
      rootCauseId: cause?.id ?? null,
      note: NOTES[outcome] ?? null,
      doneAt,
      doneBy,
    });
    events.push({
      ticketId: d.ticketId,
      actorUserId: doneBy,
      type: 'follow_up_recorded',
      toValue: outcome,
      data: { kind: 'detractor', outcome, ...(cause ? { rootCause: cause.name } : {}) },
      createdAt: doneAt,
    });
  });

  await seedCalls(tx, now, rows, events, told);
  for (let i = 0; i < rows.length; i += 500) await tx.insert(followUps).values(rows.slice(i, i + 500));
  if (events.length > 0) await tx.insert(ticketEvents).values(events);
  if (told.length > 0) await tx.insert(notifications).values(told);
  return { events: events.length };
}

/** A few calls: open on resolved requests; done on closed ones (confirmed by the call, or no answer). */
async function seedCalls(
  tx: Db,
  now: Date,
  rows: (typeof followUps.$inferInsert)[],
  events: (typeof ticketEvents.$inferInsert)[],
  told: (typeof notifications.$inferInsert)[],
): Promise<void> {
  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`${users.email} in ('agent@demo.test', 'lead@demo.test', 'agent2@demo.test')`);
  const by = (email: string) => staff.find((s) => s.email === email)!.id;
  const requesters = [by('agent@demo.test'), by('lead@demo.test'), by('agent2@demo.test')];

  const resolved = await tx
    .select({ id: tickets.id, teamId: tickets.teamId, assigneeId: tickets.assigneeId, resolvedAt: tickets.resolvedAt })
    .from(tickets)
    .where(and(eq(tickets.status, 'resolved'), isNotNull(tickets.resolvedAt)))
    .orderBy(asc(tickets.resolvedAt), asc(tickets.number))
    .limit(4);
  resolved.forEach((t, i) => {
    const requestedBy = requesters[i % requesters.length]!;
    const createdAt = new Date(Math.min(t.resolvedAt!.getTime() + 2 * HOUR, now.getTime() - HOUR));
    const requestNote = i % 2 === 0 ? 'Check the fix held after a few days of use.' : null;
    const tried = i === 1;
    rows.push({
      kind: 'call',
      ticketId: t.id,
      teamId: t.teamId,
      ownerId: t.assigneeId,
      requestedBy,
      requestNote,
      createdAt,
      ...(tried
        ? { attempts: 1, lastAttemptAt: new Date(Math.min(createdAt.getTime() + 3 * HOUR, now.getTime())) }
        : {}),
    });
    events.push({
      ticketId: t.id,
      actorUserId: requestedBy,
      type: 'follow_up_call_requested',
      data: { note: requestNote },
      createdAt,
    });
    if (tried)
      events.push({
        ticketId: t.id,
        actorUserId: requestedBy,
        type: 'follow_up_recorded',
        toValue: 'no_answer',
        data: { kind: 'call', outcome: 'no_answer', attempt: 1, open: true, note: null },
        createdAt: new Date(Math.min(createdAt.getTime() + 3 * HOUR, now.getTime())),
      });
    if (t.assigneeId && t.assigneeId !== requestedBy)
      told.push({
        userId: t.assigneeId,
        ticketId: t.id,
        kind: 'follow_up_call',
        actorUserId: requestedBy,
        summary: 'Follow-up call asked for',
        createdAt,
      });
  });

  // Closed by the customer's confirmation without a survey answer: the call is what confirmed it.
  const confirmed = await tx.execute(sql`
    select t.id, t.team_id, t.assignee_id, t.resolved_at, t.closed_at from tickets t
    join surveys s on s.ticket_id = t.id and s.answered_at is null
    where t.status = 'closed' and t.closed_at > ${new Date(now.getTime() - 60 * DAY).toISOString()}::timestamptz
      and exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'confirmed')
    order by t.closed_at, t.number limit 5`);
  // Closed when the follow-up window passed: the calls before it went unanswered.
  const lapsed = await tx.execute(sql`
    select t.id, t.team_id, t.assignee_id, t.resolved_at, t.closed_at from tickets t
    where t.status = 'closed' and t.closed_at > ${new Date(now.getTime() - 60 * DAY).toISOString()}::timestamptz
      and exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'status_changed'
                  and e.data->>'reason' = 'follow_up_window')
    order by t.closed_at, t.number limit 2`);
  type Row = {
    id: string;
    team_id: string | null;
    assignee_id: string | null;
    resolved_at: Date | string;
    closed_at: Date | string;
  };
  const done = [
    ...rowsOf<Row>(confirmed).map((t) => ({ t, outcome: 'confirmed_fixed' as const })),
    ...rowsOf<Row>(lapsed).map((t) => ({ t, outcome: 'no_answer' as const })),
  ];
  done.forEach(({ t, outcome }, i) => {
    const requestedBy = requesters[i % requesters.length]!;
    const resolvedAt = new Date(t.resolved_at);
    const closedAt = new Date(t.closed_at);
    const createdAt = new Date(resolvedAt.getTime() + HOUR);
    const doneAt = outcome === 'confirmed_fixed' ? closedAt : new Date(closedAt.getTime() - 2 * HOUR);
    if (doneAt <= createdAt) return;
    rows.push({
      kind: 'call',
      ticketId: t.id,
      teamId: t.team_id,
      ownerId: t.assignee_id,
      requestedBy,
      createdAt,
      status: 'done',
      outcome,
      note: NOTES[outcome] ?? null,
      attempts: outcome === 'no_answer' ? MAX_CALL_ATTEMPTS : 0,
      lastAttemptAt: outcome === 'no_answer' ? doneAt : null,
      doneAt,
      doneBy: requestedBy,
    });
    events.push(
      { ticketId: t.id, actorUserId: requestedBy, type: 'follow_up_call_requested', data: { note: null }, createdAt },
      {
        ticketId: t.id,
        actorUserId: requestedBy,
        type: 'follow_up_recorded',
        toValue: outcome,
        data: {
          kind: 'call',
          outcome,
          attempt: outcome === 'no_answer' ? MAX_CALL_ATTEMPTS : 0,
          open: false,
          note: null,
        },
        createdAt: doneAt,
      },
    );
  });
}
