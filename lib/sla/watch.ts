import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { slaPolicies, ticketColumns, tickets, type Ticket } from '@/db/schema';
import { AppError } from '@/lib/core/result';
import { nextTierTeam, teamLeads } from '@/lib/escalation/paths';
import { notifyPeople } from '@/lib/notifications/notify';
import type { PlannedNotification } from '@/lib/notifications/recipients';
import { escalateLocked } from '@/lib/pipeline/escalate-ticket';
import { appendEventsMany, type EventInput } from '@/lib/tickets/store';
import { can } from '@/lib/tickets/transitions';
import { alertStamp, alertWords, CLOCK_RUNNING, slaAlerts, type SlaAlert } from './breach';

export interface WatchResult {
  warnings: number;
  breaches: number;
  escalated: number;
}

/** How a breach's escalation went (the `sla_breached` event's `escalation`). */
export type EscalationOutcome = 'escalated' | 'no_next_tier' | 'not_allowed';

const running = inArray(tickets.status, [...CLOCK_RUNNING]);

/**
 * The four questions of the watch, in SQL, each matching one partial index of db/breach-schema.ts
 * (PostgreSQL combines them with a BitmapOr): the same rule as `slaAlerts`, which decides per row.
 */
function dueSql(now: Date) {
  return and(
    running,
    or(
      and(
        isNull(tickets.firstResponseAt),
        isNull(tickets.firstResponseWarnedAt),
        isNull(tickets.firstResponseBreachedAt),
        lte(tickets.firstResponseWarnAt, now),
      ),
      and(
        isNull(tickets.firstResponseAt),
        isNull(tickets.firstResponseBreachedAt),
        lte(tickets.firstResponseDueAt, now),
      ),
      and(
        isNull(tickets.resolvedAt),
        isNull(tickets.resolutionWarnedAt),
        isNull(tickets.resolutionBreachedAt),
        lte(tickets.resolutionWarnAt, now),
      ),
      and(isNull(tickets.resolvedAt), isNull(tickets.resolutionBreachedAt), lte(tickets.resolutionDueAt, now)),
    ),
  );
}

/** "30 Nov 2026, 10:00 UTC": notifications and notes are written once, so in UTC. */

/**
 * The SLA watch (issue 14): requests whose warning moment or due time has passed get an
 * `sla_warning` / `sla_breached` event, once each (the *WarnedAt / *BreachedAt stamps), a
 * notification to the assignee and the team's lead, and — on a breach, when the policy says so —
 * an escalation to the team's next tier with the reason "SLA breached: …".
 *
 * Batches of `batch` requests, one transaction each (10k overdue requests are 50 short
 * transactions, not one long one). Rows are taken `for update skip locked` in id order: a request
 * an agent is changing right now is skipped, never waited on (no lock-order deadlock with staff
 * actions, which lock the request first too), and the next run sees it; two runs at once take
 * disjoint rows, and a row one run stamped no longer matches for the other (re-checked under lock).
 * The stamps are bookkeeping, written without bumping the request's version: an agent's open form
 * does not go stale because a warning went out. An escalation is a real change (the save path).
 */
export async function watchSla(db: Db, options: { now?: Date; batch?: number } = {}): Promise<WatchResult> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 200;
  const total: WatchResult = { warnings: 0, breaches: 0, escalated: 0 };
  for (;;) {
    const { taken, result } = await db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const rows = await tx
        .select({ ticket: ticketColumns, policyName: slaPolicies.name, escalateOnBreach: slaPolicies.escalateOnBreach })
        .from(tickets)
        .leftJoin(slaPolicies, eq(slaPolicies.id, tickets.slaPolicyId))
        .where(dueSql(now))
        .orderBy(asc(tickets.id))
        .limit(batch)
        .for('update', { of: tickets, skipLocked: true });
      return { taken: rows.length, result: await handleBatch(tx, rows, now) };
    });
    total.warnings += result.warnings;
    total.breaches += result.breaches;
    total.escalated += result.escalated;
    if (taken < batch) return total;
  }
}

interface Row {
  ticket: Ticket;
  policyName: string | null;
  escalateOnBreach: boolean | null;
}

async function handleBatch(tx: Db, rows: Row[], now: Date): Promise<WatchResult> {
  const result: WatchResult = { warnings: 0, breaches: 0, escalated: 0 };
  const work = rows.map((row) => ({ ...row, alerts: slaAlerts(row.ticket, now) })).filter((w) => w.alerts.length > 0);
  if (work.length === 0) return result;

  // The stamps first: one UPDATE per column, only where still empty.
  const stamps = new Map<string, string[]>();
  for (const w of work)
    for (const alert of w.alerts)
      for (const column of Object.keys(alertStamp(alert, now)))
        stamps.set(column, [...(stamps.get(column) ?? []), w.ticket.id]);
  for (const [column, ids] of stamps) {
    const key = column as
      'firstResponseWarnedAt' | 'resolutionWarnedAt' | 'firstResponseBreachedAt' | 'resolutionBreachedAt';
    await tx
      .update(tickets)
      .set({ [key]: now })
      .where(and(inArray(tickets.id, ids), isNull(tickets[key])));
  }

  // Escalations on breach, one request at a time (rare; each goes through the save path).
  const outcomes = new Map<string, { outcome: EscalationOutcome; team?: { id: string; name: string } }>();
  for (const w of work) {
    const breach = w.alerts.find((a) => a.kind === 'breach');
    if (!breach || !w.escalateOnBreach) continue;
    const next = await nextTierTeam(tx, w.ticket.teamId);
    if (!next || next.id === w.ticket.teamId) {
      outcomes.set(w.ticket.id, { outcome: 'no_next_tier' });
      continue;
    }
    if (!can(w.ticket, 'escalate')) {
      outcomes.set(w.ticket.id, { outcome: 'not_allowed' });
      continue;
    }
    outcomes.set(w.ticket.id, { outcome: 'escalated', team: next });
  }

  const events = work.map((w) => ({
    ticket: w.ticket,
    events: w.alerts.map((alert): EventInput => {
      const escalation = alert.kind === 'breach' ? outcomes.get(w.ticket.id) : undefined;
      return {
        type: alert.kind === 'breach' ? 'sla_breached' : 'sla_warning',
        to: alert.target,
        at: now,
        data: {
          target: alert.target,
          dueAt: alert.dueAt.toISOString(),
          policy: w.policyName,
          ...(escalation ? { escalation: escalation.outcome, team: escalation.team?.name ?? null } : {}),
        },
      };
    }),
  }));
  await appendEventsMany(tx, null, events);

  for (const w of work) {
    const escalation = outcomes.get(w.ticket.id);
    const breach = w.alerts.find((a) => a.kind === 'breach');
    const team = escalation?.outcome === 'escalated' ? escalation.team : undefined;
    if (!team || !breach) continue;
    try {
      // In a savepoint: one escalation that fails (a refusal, or the database) leaves the breach
      // recorded and the rest of the batch going, rather than failing every run on this row.
      await tx.transaction(async (savepoint) =>
        escalateLocked(
          savepoint as unknown as Db,
          w.ticket,
          team,
          `SLA breached: ${breachReason(breach)}`,
          null,
          {
            via: 'sla_breached',
            target: breach.target,
          },
          now,
        ),
      );
      result.escalated += 1;
    } catch (error) {
      // The state machine or the team refused (checked above, so only a race): the breach stands.
      // Anything else is logged; the breach and its notifications still go out.
      if (!(error instanceof AppError)) console.error(`sla.watch: escalating request ${w.ticket.number} failed`, error);
    }
  }

  // The assignee (who held it when the target was missed), the team's lead, and the next tier's lead.
  const leads = await teamLeads(tx, [
    ...work.map((w) => w.ticket.teamId),
    ...[...outcomes.values()].flatMap((o) => (o.team ? [o.team.id] : [])),
  ]);
  const planned = new Map<string, PlannedNotification>();
  for (const w of work)
    for (const alert of w.alerts) {
      const kind = alert.kind === 'breach' ? ('sla_breached' as const) : ('sla_warning' as const);
      const escalation = alert.kind === 'breach' ? outcomes.get(w.ticket.id) : undefined;
      const summary = `${alertWords(alert.kind, alert.target)}${
        escalation?.outcome === 'escalated' && escalation.team
          ? `; escalated to ${escalation.team.name}`
          : escalation?.outcome === 'no_next_tier'
            ? '; no next tier to escalate to'
            : ''
      }`;
      const people = [
        w.ticket.assigneeId,
        ...(leads.get(w.ticket.teamId ?? '') ?? []),
        ...(escalation?.team ? (leads.get(escalation.team.id) ?? []) : []),
      ];
      for (const userId of people) {
        if (!userId) continue;
        // One notification per person, request and kind (both targets at once read as the first).
        const key = `${userId}/${w.ticket.id}/${kind}`;
        if (!planned.has(key)) planned.set(key, { userId, ticketId: w.ticket.id, kind, summary });
      }
    }
  await notifyPeople(tx, null, [...planned.values()]);

  for (const w of work)
    for (const alert of w.alerts) {
      if (alert.kind === 'breach') result.breaches += 1;
      else result.warnings += 1;
    }
  return result;
}

/** "First response target breached": the escalation's reason (the event keeps the due instant). */
function breachReason(alert: SlaAlert): string {
  return alertWords('breach', alert.target);
}

/** The scheduled `sla.watch` job. */
export function slaWatchJob(db: Db): Promise<WatchResult> {
  return watchSla(db);
}
