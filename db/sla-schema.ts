import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { categories, organizations } from './schema';

/**
 * Service levels (issue 14): business calendars and SLA policies. lib/sla owns the rules (which
 * policy applies, business-hours arithmetic, due times); the save path stores due times on tickets.
 */

/** Weekly opening hours: per ISO weekday (1 Monday … 7 Sunday), intervals as local "HH:MM" times. */
export interface OpeningHours {
  days: { weekday: number; open: string; close: string }[];
}

/** A calendar of business hours: a time zone (IANA), weekly opening hours and holidays. */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** IANA zone, e.g. Europe/Amsterdam: opening hours are local times there (DST included). */
    timeZone: text('time_zone').notNull(),
    hours: jsonb('hours').$type<OpeningHours>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('business_calendars_name_key').on(sql`lower(${t.name})`)],
);

/** A closed day of a calendar (a local date in its time zone). */
export const calendarHolidays = pgTable(
  'calendar_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('calendar_holidays_day_key').on(t.calendarId, t.day)],
);

/**
 * First-response and resolution targets for a priority, optionally narrowed to a category and/or
 * an organization: the most specific active policy wins (organization + category, organization,
 * category, priority only). Targets are business minutes of the policy's calendar; without a
 * calendar they are calendar minutes (round the clock).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    priority: smallint('priority').notNull(),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id, { onDelete: 'restrict' }),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    /** A warning goes out when this share of a target has elapsed (e.g. 80); null: no warning. */
    warnAtPercent: smallint('warn_at_percent'),
    /** On breach, escalate the request to its team's next tier (lib/sla breach job). */
    escalateOnBreach: boolean('escalate_on_breach').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('sla_policies_priority_range', sql`${t.priority} between 1 and 4`),
    check('sla_policies_targets_positive', sql`${t.firstResponseMinutes} > 0 and ${t.resolutionMinutes} > 0`),
    check('sla_policies_warn_range', sql`${t.warnAtPercent} is null or ${t.warnAtPercent} between 1 and 99`),
    // One active policy per scope: "most specific wins" never has to break a tie.
    uniqueIndex('sla_policies_scope_key')
      .on(
        t.priority,
        sql`coalesce(${t.categoryId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
        sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      )
      .where(sql`${t.active}`),
    index('sla_policies_calendar_idx').on(t.calendarId),
  ],
);

export type BusinessCalendar = typeof businessCalendars.$inferSelect;
export type CalendarHoliday = typeof calendarHolidays.$inferSelect;
export type SlaPolicy = typeof slaPolicies.$inferSelect;
