/**
 * Demo service levels (issue 14): an "Office hours" calendar (Europe/Amsterdam, Mon–Fri
 * 09:00–17:30, a few holidays), policies for P1–P4 on it (warn at 80 %, P1 escalates on breach),
 * one for a category (Refund) and one for a key account (Northwind Traders). The seeded requests'
 * due times are then computed under these policies by the same functions as the save path: the
 * business time of each pending period (from its status events) excluded, the business time to
 * the first response and the resolution stamped. Simplification: the policy of the request's
 * current priority, category and organization judges every target (the app keeps the due time a
 * reached target was judged against, which may have been another priority's).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  businessCalendars,
  calendarHolidays,
  categories,
  organizations,
  slaPolicies,
  ticketColumns,
  ticketEvents,
  tickets,
} from '@/db/schema';
import { businessMsBetween } from '@/lib/sla/business-hours';
import { loadSlaContext, targetsFor } from '@/lib/sla/policies';
import { businessElapsed, slaDueTimes } from '@/lib/sla/targets';

const HOURS = (h: number) => h * 60;

export async function seedSla(tx: Db, now: Date): Promise<void> {
  const year = now.getUTCFullYear();
  const [calendar] = await tx
    .insert(businessCalendars)
    .values({
      name: 'Office hours',
      timeZone: 'Europe/Amsterdam',
      hours: { days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:30' })) },
    })
    .returning();
  const calendarId = calendar!.id;
  await tx.insert(calendarHolidays).values([
    { calendarId, day: `${year}-04-27`, name: "King's Day" },
    { calendarId, day: `${year}-12-25`, name: 'Christmas Day' },
    { calendarId, day: `${year}-12-26`, name: 'Boxing Day' },
    { calendarId, day: `${year + 1}-01-01`, name: "New Year's Day" },
  ]);
  const [refund] = await tx.select().from(categories).where(eq(categories.name, 'Refund'));
  const [northwind] = await tx.select().from(organizations).where(eq(organizations.name, 'Northwind Traders'));
  const base = { calendarId, warnAtPercent: 80 };
  await tx.insert(slaPolicies).values([
    {
      ...base,
      name: 'P1 urgent',
      priority: 1,
      firstResponseMinutes: HOURS(1),
      resolutionMinutes: HOURS(8),
      escalateOnBreach: true,
    },
    { ...base, name: 'P2 high', priority: 2, firstResponseMinutes: HOURS(4), resolutionMinutes: HOURS(16) },
    { ...base, name: 'P3 normal', priority: 3, firstResponseMinutes: HOURS(8), resolutionMinutes: HOURS(40) },
    { ...base, name: 'P4 low', priority: 4, firstResponseMinutes: HOURS(16), resolutionMinutes: HOURS(80) },
    ...(refund
      ? [
          {
            ...base,
            name: 'Refunds, normal',
            priority: 3,
            categoryId: refund.id,
            firstResponseMinutes: HOURS(4),
            resolutionMinutes: HOURS(16),
          },
        ]
      : []),
    ...(northwind
      ? [
          {
            ...base,
            name: 'Northwind key account, normal',
            priority: 3,
            organizationId: northwind.id,
            firstResponseMinutes: HOURS(2),
            resolutionMinutes: HOURS(16),
          },
        ]
      : []),
  ]);
  await recomputeSeededTickets(tx);
}

/** Every ticket's due times, warning moments and business times under the policies above. */
async function recomputeSeededTickets(tx: Db): Promise<void> {
  const all = await tx.select(ticketColumns).from(tickets).orderBy(asc(tickets.id));
  if (all.length === 0) return;
  const ctx = await loadSlaContext(tx, { customerIds: all.flatMap((t) => (t.customerId ? [t.customerId] : [])) });
  const moves = await tx
    .select({
      ticketId: ticketEvents.ticketId,
      from: ticketEvents.fromValue,
      to: ticketEvents.toValue,
      at: ticketEvents.createdAt,
    })
    .from(ticketEvents)
    .where(inArray(ticketEvents.type, ['status_changed']))
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id));
  const pauses = new Map<string, [Date, Date][]>();
  const started = new Map<string, Date>();
  // The clock stops while pending and while resolved (resumed by a reopen, not by closing): slaClockChange.
  for (const m of moves) {
    const resumes = m.from === 'pending' || (m.from === 'resolved' && m.to !== 'closed');
    if (resumes && started.has(m.ticketId)) {
      pauses.set(m.ticketId, [...(pauses.get(m.ticketId) ?? []), [started.get(m.ticketId)!, m.at]]);
      started.delete(m.ticketId);
    }
    if ((m.to === 'pending' || m.to === 'resolved') && m.from !== m.to) started.set(m.ticketId, m.at);
  }
  const rows = all.map((t) => {
    const targets = targetsFor(ctx, {
      priority: t.priority,
      categoryId: t.categoryId,
      organizationId: ctx.organizationOf(t.customerId),
    });
    const cal = targets.calendar;
    const list = pauses.get(t.id) ?? [];
    const pausedBefore = (at: Date | null) =>
      list
        .filter(([, end]) => !at || end.getTime() <= at.getTime())
        .reduce((sum, [a, b]) => sum + businessMsBetween(cal, a, b), 0);
    const total = pausedBefore(null);
    const fr = slaDueTimes(t.createdAt, targets, t.firstResponseAt ? pausedBefore(t.firstResponseAt) : total);
    const res = slaDueTimes(t.createdAt, targets, t.resolvedAt ? pausedBefore(t.resolvedAt) : total);
    const clockAt = (at: Date) => ({
      createdAt: t.createdAt,
      slaPausedAt: null,
      slaPausedMs: pausedBefore(at),
      slaPausedBusinessMs: pausedBefore(at),
    });
    return {
      id: t.id,
      policy: targets.policyId,
      paused: total,
      fr_due: fr.firstResponseDueAt?.toISOString() ?? null,
      fr_warn: fr.firstResponseWarnAt?.toISOString() ?? null,
      res_due: res.resolutionDueAt?.toISOString() ?? null,
      res_warn: res.resolutionWarnAt?.toISOString() ?? null,
      fr_ms: t.firstResponseAt ? businessElapsed(clockAt(t.firstResponseAt), t.firstResponseAt, cal) : null,
      res_ms: t.resolvedAt ? businessElapsed(clockAt(t.resolvedAt), t.resolvedAt, cal) : null,
    };
  });
  await tx.execute(sql`
    update tickets t set
      sla_policy_id = v.policy, sla_paused_business_ms = v.paused,
      first_response_due_at = v.fr_due, first_response_warn_at = v.fr_warn,
      resolution_due_at = v.res_due, resolution_warn_at = v.res_warn,
      first_response_business_ms = v.fr_ms, resolution_business_ms = v.res_ms
    from json_to_recordset(${JSON.stringify(rows)}::json) as v(
      id uuid, policy uuid, paused bigint, fr_due timestamptz, fr_warn timestamptz,
      res_due timestamptz, res_warn timestamptz, fr_ms bigint, res_ms bigint)
    where t.id = v.id`);
}
