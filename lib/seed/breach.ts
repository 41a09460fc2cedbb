import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, slaPolicies, teamMembers, teams, ticketColumns, tickets, users } from '@/db/schema';
import { watchSla } from '@/lib/sla/watch';
import { loadSlaContext, targetsFor } from '@/lib/sla/policies';
import { slaRecompute } from '@/lib/sla/targets';

const MIN = 60_000;

/**
 * SLA warnings, breaches and escalation paths in the demo (issue 14). Escalation paths: Technical
 * and Billing (tier 1) → "Tier 2 support" (Lee Lead leads it, Sam Second works in it) → "Platform
 * specialists" (tier 3, the last). One open Technical request past its resolution time falls under
 * a policy that escalates on breach; one request not yet due has its warning moment passed. Then
 * the real SLA watch runs at `now`, as the worker would a minute after start: every overdue request
 * gets its `sla_breached` event, the chosen one moves to Tier 2 with the reason, the other gets its
 * `sla_warning`, and the assignees and leads find them on the bell. Runs inside the seed's
 * transaction, after the requests; returns the number of events and messages (escalation notes) it added.
 */
export async function seedBreach(tx: Db, now: Date): Promise<{ events: number; messages: number }> {
  const byEmail = async (email: string) =>
    (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? null;
  const teamId = async (name: string) =>
    (await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name)))[0]?.id ?? null;
  const [lead, agent2, priya, technical, billing] = await Promise.all([
    byEmail('lead@demo.test'),
    byEmail('agent2@demo.test'),
    byEmail('priya.patel@demo.test'),
    teamId('Technical'),
    teamId('Billing'),
  ]);
  if (!lead || !technical) return { events: 0, messages: 0 };

  const [specialists] = await tx
    .insert(teams)
    .values({ name: 'Platform specialists', tier: 3, createdAt: new Date(now.getTime() - 60 * 24 * 60 * MIN) })
    .returning({ id: teams.id });
  const [tier2] = await tx
    .insert(teams)
    .values({
      name: 'Tier 2 support',
      tier: 2,
      escalatesToId: specialists!.id,
      leadId: lead,
      createdAt: new Date(now.getTime() - 60 * 24 * 60 * MIN),
    })
    .returning({ id: teams.id });
  await tx
    .insert(teamMembers)
    .values([
      { teamId: tier2!.id, userId: lead },
      ...(agent2 ? [{ teamId: tier2!.id, userId: agent2 }] : []),
      ...(priya ? [{ teamId: specialists!.id, userId: priya }] : []),
    ]);
  await tx
    .update(teams)
    .set({ tier: 1, escalatesToId: tier2!.id })
    .where(inArray(teams.id, [technical, ...(billing ? [billing] : [])]));

  // The request that escalates: the oldest open Technical one past its resolution time.
  const [late] = await tx
    .select({
      id: tickets.id,
      priority: tickets.priority,
      categoryId: tickets.categoryId,
      organizationId: customers.organizationId,
      slaPolicyId: tickets.slaPolicyId,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        eq(tickets.teamId, technical),
        inArray(tickets.status, ['open', 'on_hold']),
        inArray(tickets.stage, ['identification', 'resolution']),
        isNull(tickets.resolvedAt),
        lt(tickets.resolutionDueAt, now),
      ),
    )
    .orderBy(asc(tickets.number))
    .limit(1);
  if (late) {
    // A policy of exactly this request's scope (the most specific wins), escalating on breach.
    const scope = { priority: late.priority, categoryId: late.categoryId, organizationId: late.organizationId };
    // The targets and calendar of the policy it has now, so it stays as late as it was.
    const [current] = late.slaPolicyId
      ? await tx.select().from(slaPolicies).where(eq(slaPolicies.id, late.slaPolicyId))
      : [];
    const [policy] = await tx
      .insert(slaPolicies)
      .values({
        name: 'Key account escalation',
        ...scope,
        calendarId: current?.calendarId ?? null,
        firstResponseMinutes: current?.firstResponseMinutes ?? [60, 240, 480, 1440][late.priority - 1] ?? 480,
        resolutionMinutes: current?.resolutionMinutes ?? [480, 1440, 4320, 7200][late.priority - 1] ?? 4320,
        warnAtPercent: 80,
        escalateOnBreach: true,
      })
      .onConflictDoNothing()
      .returning({ id: slaPolicies.id });
    const policyId =
      policy?.id ??
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          update sla_policies set escalate_on_breach = true
          where active and priority = ${scope.priority}
            and category_id is not distinct from ${scope.categoryId}
            and organization_id is not distinct from ${scope.organizationId}
          returning id`),
      )[0]?.id;
    // Its due times as the save path gives them under that policy (still overdue: the policy keeps
    // the target; recomputing the seeded request changes nothing).
    if (policyId) await recomputeOne(tx, late.id, now);
  }

  // A warning: the policies warn at 80 % (lib/seed/sla.ts), so open requests not yet due whose
  // warning moment has passed get their `sla_warning` from the watch below; nothing is forced.

  const count = async () => {
    const [row] = rowsOf<{ events: string; messages: string }>(
      await tx.execute(
        sql`select (select count(*) from ticket_events) as events, (select count(*) from messages) as messages`,
      ),
    );
    return { events: Number(row?.events ?? 0), messages: Number(row?.messages ?? 0) };
  };
  const before = await count();
  await watchSla(tx, { now });
  const after = await count();
  return { events: after.events - before.events, messages: after.messages - before.messages };
}

/** One request's due times recomputed under the policies now in place, as the save path would. */
async function recomputeOne(tx: Db, id: string, now: Date): Promise<void> {
  const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, id));
  if (!ticket) return;
  const ctx = await loadSlaContext(tx, { customerIds: [ticket.customerId] });
  const scope = {
    priority: ticket.priority,
    categoryId: ticket.categoryId,
    organizationId: ctx.organizationOf(ticket.customerId),
  };
  await tx
    .update(tickets)
    .set(slaRecompute(ticket, targetsFor(ctx, scope), now))
    .where(eq(tickets.id, id));
}
