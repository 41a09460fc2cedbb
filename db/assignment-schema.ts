import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { teams, users } from './schema';

/**
 * Assignment within a team (issue 14). lib/routing/assignment.ts owns the rules (who is eligible,
 * round-robin order, least-loaded weights); these tables hold the settings and the state.
 */
export const assignmentModeEnum = pgEnum('assignment_mode', ['manual', 'round_robin', 'least_loaded']);
export const availabilityEnum = pgEnum('availability', ['available', 'away']);

/**
 * A team's assignment settings; no row means manual. The row is also the team's assignment lock:
 * every automatic pick locks it FOR UPDATE, so picks for one team run one at a time.
 */
export const teamAssignment = pgTable(
  'team_assignment',
  {
    teamId: uuid('team_id')
      .primaryKey()
      .references(() => teams.id, { onDelete: 'cascade' }),
    mode: assignmentModeEnum('mode').notNull().default('manual'),
    /** Most open requests an agent may hold before this team stops giving them new ones. */
    maxOpenPerAgent: integer('max_open_per_agent').notNull().default(20),
    /** Round-robin pointer: the member who got this team's last automatic assignment. */
    lastAssigneeId: uuid('last_assignee_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('team_assignment_cap_range', sql`${t.maxOpenPerAgent} between 1 and 1000`)],
);

/** An agent's availability, set by themselves; no row means available. */
export const agentAvailability = pgTable(
  'agent_availability',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: availabilityEnum('status').notNull().default('available'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agent_availability_status_idx').on(t.status)],
);

export type TeamAssignment = typeof teamAssignment.$inferSelect;
export type AssignmentMode = (typeof assignmentModeEnum.enumValues)[number];
export type Availability = (typeof availabilityEnum.enumValues)[number];
