import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Channel } from './schema';

/**
 * Routing rules (issue 14): evaluated in `position` order on creation and/or on update of a
 * request. lib/routing/rules.ts owns the rules (zod validates both jsonb columns there, against
 * these types); db/ only stores them.
 */

/** Every part optional; all given parts must hold. Sets are "any of". */
export interface RuleConditions {
  channels?: Channel[];
  categoryIds?: string[];
  /** Whole words or phrases, matched case-insensitively in the subject and the text. */
  words?: string[];
  organizationIds?: string[];
  /** The customer's e-mail domain, or a subdomain of it. */
  emailDomains?: string[];
  priorities?: number[];
}

export interface RuleActions {
  teamId?: string;
  categoryId?: string;
  priority?: number;
  tags?: string[];
  assigneeId?: string;
  /** Tags the request `exception-candidate` for the identifying agent (lib/routing/rules.ts). */
  exceptionCandidate?: boolean;
}

export const RULE_TRIGGERS = ['created', 'updated', 'both'] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Order of evaluation, ascending (then name); moving a rule swaps two positions. */
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    runOn: text('run_on').$type<RuleTrigger>().notNull().default('created'),
    conditions: jsonb('conditions').$type<RuleConditions>().notNull(),
    actions: jsonb('actions').$type<RuleActions>().notNull(),
    /** Rules after this one are not evaluated when it matches. */
    stopProcessing: boolean('stop_processing').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('routing_rules_name_key').on(sql`lower(${t.name})`),
    index('routing_rules_position_idx').on(t.position),
    check('routing_rules_run_on', sql`${t.runOn} in ('created', 'updated', 'both')`),
  ],
);

export type RoutingRule = typeof routingRules.$inferSelect;
