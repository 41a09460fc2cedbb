import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, slaPolicies, teamMembers, teams, tickets, users } from '@/db/schema';
import { watchSla } from '@/lib/sla/watch';

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
    const [policy] = await tx
      .insert(slaPolicies)
      .values({
        name: 'Key account escalation',
        ...scope,
        firstResponseMinutes: [60, 240, 480, 1440][late.priority - 1] ?? 480,
        resolutionMinutes: [480, 1440, 4320, 7200][late.priority - 1] ?? 4320,
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
    if (policyId) await tx.update(tickets).set({ slaPolicyId: policyId }).where(eq(tickets.id, late.id));
  }

  // A warning: an open request not due yet whose warning moment (80 % of the target) has passed.
  const [soon] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        inArray(tickets.teamId, [technical, ...(billing ? [billing] : [])]),
        eq(tickets.status, 'open'),
        isNull(tickets.resolvedAt),
        gt(tickets.resolutionDueAt, new Date(now.getTime() + 10 * MIN)),
      ),
    )
    .orderBy(asc(tickets.resolutionDueAt))
    .limit(1);
  if (soon)
    await tx
      .update(tickets)
      .set({ resolutionWarnAt: new Date(now.getTime() - 20 * MIN) })
      .where(eq(tickets.id, soon.id));

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
