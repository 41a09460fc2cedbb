import { sql, type SQL } from 'drizzle-orm';
import { index, smallint, uuid, type AnyPgColumn, type PgColumn } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { teams } from './schema';

/**
 * SLA warnings, breaches and escalation paths (issue 14, lib/sla/watch.ts). No tables of its own:
 * the columns teams gain and the partial indexes of the SLA watch on tickets, spread into their
 * tables in schema.ts (one line each) so the rules stay beside the code that uses them.
 */

/** Escalation path of a team: its tier (1, 2, 3…) and the team its requests escalate to next. */
export const teamEscalationColumns = () => ({
  tier: smallint('tier').notNull().default(1),
  /** The next tier (a team of a higher tier); null: the last tier, nothing to escalate to. */
  escalatesToId: uuid('escalates_to_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
});

/** Statuses whose SLA clock runs (pending pauses it; resolved and closed have nothing due). */
const RUNNING = sql`in ('new', 'open', 'on_hold')`;

interface WatchColumns {
  status: PgColumn;
  firstResponseAt: PgColumn;
  resolvedAt: PgColumn;
  firstResponseWarnAt: PgColumn;
  resolutionWarnAt: PgColumn;
  firstResponseDueAt: PgColumn;
  resolutionDueAt: PgColumn;
  firstResponseWarnedAt: PgColumn;
  resolutionWarnedAt: PgColumn;
  firstResponseBreachedAt: PgColumn;
  resolutionBreachedAt: PgColumn;
}

/**
 * One partial index per question the SLA watch asks ("whose warning / breach is due?"): each holds
 * only running requests whose target is unmet and not yet warned / breached, so the scan reads the
 * few due rows in due order, whatever the size of the table (1M tickets: a handful of index pages).
 */
export const slaWatchIndexes = (t: WatchColumns) => {
  const open = (...more: SQL[]) => sql.join([sql`${t.status} ${RUNNING}`, ...more], sql` and `);
  return [
    index('tickets_sla_fr_warn_idx')
      .on(t.firstResponseWarnAt)
      .where(
        open(
          sql`${t.firstResponseAt} is null`,
          sql`${t.firstResponseWarnedAt} is null`,
          sql`${t.firstResponseBreachedAt} is null`,
          sql`${t.firstResponseWarnAt} is not null`,
        ),
      ),
    index('tickets_sla_fr_breach_idx')
      .on(t.firstResponseDueAt)
      .where(
        open(
          sql`${t.firstResponseAt} is null`,
          sql`${t.firstResponseBreachedAt} is null`,
          sql`${t.firstResponseDueAt} is not null`,
        ),
      ),
    index('tickets_sla_res_warn_idx')
      .on(t.resolutionWarnAt)
      .where(
        open(
          sql`${t.resolvedAt} is null`,
          sql`${t.resolutionWarnedAt} is null`,
          sql`${t.resolutionBreachedAt} is null`,
          sql`${t.resolutionWarnAt} is not null`,
        ),
      ),
    index('tickets_sla_res_breach_idx')
      .on(t.resolutionDueAt)
      .where(
        open(
          sql`${t.resolvedAt} is null`,
          sql`${t.resolutionBreachedAt} is null`,
          sql`${t.resolutionDueAt} is not null`,
        ),
      ),
  ];
};
