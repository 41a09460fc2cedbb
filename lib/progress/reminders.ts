import { and, eq, inArray, isNotNull, lte, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customerUpdates, teams, tickets } from '@/db/schema';
import { notifyPeople } from '@/lib/notifications/notify';
import { getSettings } from '@/lib/settings/settings';
import { lastUpdateSql } from './track';

const DAY = 86_400_000;

/** The statuses of an exception still in progress: the customer should hear from us while it is one of these. */
const IN_PROGRESS = ['new', 'open', 'pending', 'on_hold'] as const;

/**
 * Owner reminders (issue 13): open exceptions whose customer has had no update for `days` days
 * (lib/progress/track.ts keeps the time) tell their assignee — else the owning team's lead — with
 * an `update_due` notification. At most once per window per request: claiming a request stamps
 * `reminded_at` in one upsert that only succeeds while the last reminder is older than the window,
 * so two schedulers at once remind once. Resolved and closed requests are left alone, and so is a
 * request locked by a change in progress (skipped, never waited on: no lock-order deadlock).
 */
export async function remindStaleExceptions(
  db: Db,
  options: { days: number; now?: Date },
): Promise<{ reminded: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.days * DAY);
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // The backlog's partial index (status in the open ones) finds the candidates; few are exceptions.
    // They are locked first, like every staff action (request, then its customer_updates row), and
    // one being changed right now is skipped: that change may be the update, and the next run sees it.
    const due = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .leftJoin(customerUpdates, eq(customerUpdates.ticketId, tickets.id))
      .where(
        and(
          inArray(tickets.status, [...IN_PROGRESS]),
          isNotNull(tickets.cern),
          sql`${lastUpdateSql} <= ${cutoff.toISOString()}::timestamptz`,
          or(isNull(customerUpdates.remindedAt), lte(customerUpdates.remindedAt, cutoff)),
        ),
      )
      .for('update', { of: tickets, skipLocked: true });
    if (due.length === 0) return { reminded: 0 };
    const claimed = await tx
      .insert(customerUpdates)
      .values(due.map((d) => ({ ticketId: d.id, remindedAt: now })))
      .onConflictDoUpdate({
        target: customerUpdates.ticketId,
        set: { remindedAt: now },
        setWhere: or(isNull(customerUpdates.remindedAt), lte(customerUpdates.remindedAt, cutoff)),
      })
      .returning({ ticketId: customerUpdates.ticketId });
    if (claimed.length === 0) return { reminded: 0 };
    const rows = await tx
      .select({
        id: tickets.id,
        cern: tickets.cern,
        assigneeId: tickets.assigneeId,
        leadId: teams.leadId,
        lastUpdate: sql<Date | string>`${lastUpdateSql}`,
      })
      .from(tickets)
      .leftJoin(teams, eq(teams.id, tickets.teamId))
      .leftJoin(customerUpdates, eq(customerUpdates.ticketId, tickets.id))
      .where(
        inArray(
          tickets.id,
          claimed.map((c) => c.ticketId),
        ),
      );
    const planned = rows.flatMap((r) => {
      const userId = r.assigneeId ?? r.leadId;
      if (!userId) return [];
      const silentDays = Math.floor((now.getTime() - new Date(r.lastUpdate).getTime()) / DAY);
      return [
        {
          userId,
          ticketId: r.id,
          kind: 'update_due' as const,
          summary: `${r.cern}: the customer has had no update for ${silentDays} day${silentDays === 1 ? '' : 's'}`,
        },
      ];
    });
    await notifyPeople(tx, null, planned);
    return { reminded: planned.length };
  });
}

/** The scheduled `cern.update-reminders` job: the window is the admin's setting (/admin/settings). */
export async function cernReminderJob(db: Db): Promise<{ reminded: number; days: number }> {
  const { cernUpdates } = await getSettings(db);
  const { reminded } = await remindStaleExceptions(db, { days: cernUpdates.reminderDays });
  return { reminded, days: cernUpdates.reminderDays };
}
