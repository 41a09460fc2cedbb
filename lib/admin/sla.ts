/**
 * Admin use cases for service levels (issue 14): SLA policies and business calendars. Every
 * change is audited and enqueues `sla.recompute` in the same transaction, so open requests get
 * due times of the new rules once it commits (lib/sla/recompute.ts).
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  businessCalendars,
  calendarHolidays,
  categories,
  organizations,
  slaPolicies,
  type BusinessCalendar,
  type CalendarHoliday,
  type OpeningHours,
  type SlaPolicy,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { optionalUuid, text } from '@/lib/core/fields';
import { isUniqueViolation } from '@/lib/core/db-errors';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';
import {
  addBusinessMinutes,
  GAP_YEARS,
  isLocalTime,
  isValidTimeZone,
  maxTargetMinutes,
  minutesOf,
  opensAtAll,
  type Calendar,
} from '@/lib/sla/business-hours';
import { changedFields, recordAudit } from './audit';

export const WEEKDAYS = [
  { weekday: 1, name: 'Monday' },
  { weekday: 2, name: 'Tuesday' },
  { weekday: 3, name: 'Wednesday' },
  { weekday: 4, name: 'Thursday' },
  { weekday: 5, name: 'Friday' },
  { weekday: 6, name: 'Saturday' },
  { weekday: 7, name: 'Sunday' },
] as const;

/** Every IANA zone the runtime knows, for the calendar's time zone select. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const count = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? 0 : v),
    z.coerce
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(0, `${label} cannot be negative.`)
      .max(max, `${label} must be at most ${max}.`),
  );

const policyFields = {
  name: text('Name', 80),
  priority: z.coerce
    .number({ error: 'Choose a priority.' })
    .int('Choose a priority.')
    .min(1, 'Choose a priority.')
    .max(4, 'Choose a priority.'),
  categoryId: optionalUuid,
  organizationId: optionalUuid,
  calendarId: optionalUuid,
  firstResponseHours: count('Hours', 10_000),
  firstResponseMins: count('Minutes', 59),
  resolutionHours: count('Hours', 10_000),
  resolutionMins: count('Minutes', 59),
  warnAtPercent: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ error: 'Warn at must be a whole percentage.' })
      .int('Warn at must be a whole percentage.')
      .min(1, 'Warn at must be between 1 and 99 %.')
      .max(99, 'Warn at must be between 1 and 99 %.')
      .optional(),
  ),
  escalateOnBreach: checkbox,
};
const policySchema = z.object({ id: z.uuid('Policy not found.').optional(), ...policyFields }).superRefine((v, ctx) => {
  if (v.firstResponseHours * 60 + v.firstResponseMins <= 0)
    ctx.addIssue({ code: 'custom', path: ['firstResponseHours'], message: 'Give a first-response target.' });
  if (v.resolutionHours * 60 + v.resolutionMins <= 0)
    ctx.addIssue({ code: 'custom', path: ['resolutionHours'], message: 'Give a resolution target.' });
});
const activeSchema = z.object({ id: z.uuid('Policy not found.'), active: checkbox });

type Audited = Record<string, unknown>;
const auditedPolicy = (p: SlaPolicy): Audited => ({
  name: p.name,
  priority: p.priority,
  categoryId: p.categoryId,
  organizationId: p.organizationId,
  calendarId: p.calendarId,
  firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  warnAtPercent: p.warnAtPercent,
  escalateOnBreach: p.escalateOnBreach,
  active: p.active,
});

const SCOPE_TAKEN = 'An active policy for this priority, category and organization exists already: edit that one.';

async function checkRefs(
  tx: Db,
  input: { categoryId?: string; organizationId?: string; calendarId?: string },
): Promise<void> {
  const errors: Record<string, string[]> = {};
  if (input.categoryId) {
    const [c] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
    if (!c) errors.categoryId = ['Choose a valid category.'];
  }
  if (input.organizationId) {
    // Held until the save commits: an organization delete racing it (its policies cascade) either
    // finishes first (this field error) or waits; never a foreign key violation.
    const [o] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for('key share');
    if (!o) errors.organizationId = ['Choose a valid organization.'];
  }
  if (input.calendarId) {
    const [c] = await tx
      .select({ id: businessCalendars.id })
      .from(businessCalendars)
      .where(eq(businessCalendars.id, input.calendarId));
    if (!c) errors.calendarId = ['Choose a valid calendar.'];
  }
  if (Object.keys(errors).length > 0) fail('invalid', Object.values(errors)[0]![0]!, errors);
}

/** Hours and minutes as the policy form shows a target ("2,080 h 0 min"). */
const asHours = (minutes: number) => `${Math.floor(minutes / 60).toLocaleString('en')} h ${minutes % 60} min`;

/**
 * A target the calendar cannot reach would leave every request the policy applies to without a due
 * time: refused beside the target. Too long for its weekly opening hours (maxTargetMinutes), or no
 * business time to reach it from now within the search horizon of lib/sla/business-hours.ts
 * (holidays covering years on end).
 */
function checkReachable(
  calendar: Calendar,
  targets: { firstResponseMinutes: number; resolutionMinutes: number },
  now: Date,
): Record<string, string[]> {
  const max = maxTargetMinutes(calendar.hours);
  const errors: Record<string, string[]> = {};
  const check = (field: string, minutes: number) => {
    if (minutes > max) errors[field] = [`This calendar is open too few hours for it: at most ${asHours(max)}.`];
    else if (addBusinessMinutes(calendar, now, minutes) === null)
      errors[field] = [
        `This calendar has no business time to reach it within ${GAP_YEARS} years: remove some of its holidays.`,
      ];
  };
  check('firstResponseHours', targets.firstResponseMinutes);
  check('resolutionHours', targets.resolutionMinutes);
  return errors;
}

async function checkScope(
  tx: Db,
  scope: { priority: number; categoryId: string | null; organizationId: string | null },
  except?: string,
): Promise<void> {
  const [taken] = await tx
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.active, true),
        eq(slaPolicies.priority, scope.priority),
        scope.categoryId ? eq(slaPolicies.categoryId, scope.categoryId) : sql`${slaPolicies.categoryId} is null`,
        scope.organizationId
          ? eq(slaPolicies.organizationId, scope.organizationId)
          : sql`${slaPolicies.organizationId} is null`,
        except ? ne(slaPolicies.id, except) : undefined,
      ),
    );
  if (taken) fail('invalid', SCOPE_TAKEN, { priority: [SCOPE_TAKEN] });
}

/**
 * Policy saves one at a time: checkScope then the write would otherwise race, and the second of two
 * saves of one scope would hit sla_policies_scope_key (a 500) instead of the field error.
 */
async function lockPolicies(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sla-policies'))`);
}

/** Open requests follow the new rules once the change commits. */
async function recomputeLater(tx: Db): Promise<void> {
  await enqueue(tx, 'sla.recompute', {});
}

/** Creates or (with `id`) edits an SLA policy (admins). */
export function saveSlaPolicy(db: Db, actor: Actor, raw: unknown): Promise<Result<SlaPolicy>> {
  return runUseCase(db, policySchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await lockPolicies(tx);
    await checkRefs(tx, input);
    const values = {
      name: input.name,
      priority: input.priority,
      categoryId: input.categoryId ?? null,
      organizationId: input.organizationId ?? null,
      calendarId: input.calendarId ?? null,
      firstResponseMinutes: input.firstResponseHours * 60 + input.firstResponseMins,
      resolutionMinutes: input.resolutionHours * 60 + input.resolutionMins,
      warnAtPercent: input.warnAtPercent ?? null,
      escalateOnBreach: input.escalateOnBreach,
    };
    if (values.calendarId) {
      const [calendar] = await tx
        .select({ hours: businessCalendars.hours, timeZone: businessCalendars.timeZone })
        .from(businessCalendars)
        .where(eq(businessCalendars.id, values.calendarId))
        .for('share');
      const holidays = await tx
        .select({ day: calendarHolidays.day })
        .from(calendarHolidays)
        .where(eq(calendarHolidays.calendarId, values.calendarId));
      const errors = calendar
        ? checkReachable({ ...calendar, holidays: holidays.map((h) => h.day) }, values, new Date())
        : {};
      if (Object.keys(errors).length > 0) fail('invalid', Object.values(errors)[0]![0]!, errors);
    }
    let saved: SlaPolicy;
    if (input.id) {
      const [before] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, input.id)).for('update');
      if (!before) fail('not_found', 'Policy not found.');
      if (before.active) await checkScope(tx, values, before.id);
      const [updated] = await tx
        .update(slaPolicies)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(slaPolicies.id, before.id))
        .returning();
      if (!updated) throw new Error('policy update returned nothing');
      saved = updated;
      const changes = changedFields(auditedPolicy(before), auditedPolicy(updated));
      if (changes)
        await recordAudit(tx, actor, {
          action: 'sla_policy.updated',
          entityType: 'sla_policy',
          entityId: updated.id,
          entityLabel: updated.name,
          ...changes,
        });
    } else {
      await checkScope(tx, values);
      const [created] = await tx.insert(slaPolicies).values(values).returning();
      if (!created) throw new Error('policy insert returned nothing');
      saved = created;
      await recordAudit(tx, actor, {
        action: 'sla_policy.created',
        entityType: 'sla_policy',
        entityId: created.id,
        entityLabel: created.name,
        after: auditedPolicy(created),
      });
    }
    await recomputeLater(tx);
    return saved;
  });
}

/** Deactivates a policy (requests fall back to the next most specific one) or brings it back. */
export function setSlaPolicyActive(db: Db, actor: Actor, raw: unknown): Promise<Result<SlaPolicy>> {
  return runUseCase(db, activeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await lockPolicies(tx);
    const [before] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, input.id)).for('update');
    if (!before) fail('not_found', 'Policy not found.');
    if (before.active === input.active) return before;
    if (input.active) await checkScope(tx, before, before.id);
    const [updated] = await tx
      .update(slaPolicies)
      .set({ active: input.active, updatedAt: new Date() })
      .where(eq(slaPolicies.id, before.id))
      .returning();
    if (!updated) throw new Error('policy update returned nothing');
    await recordAudit(tx, actor, {
      action: input.active ? 'sla_policy.activated' : 'sla_policy.deactivated',
      entityType: 'sla_policy',
      entityId: before.id,
      entityLabel: before.name,
      before: { active: before.active },
      after: { active: input.active },
    });
    await recomputeLater(tx);
    return updated;
  });
}

// ---- Calendars ----

const dayFields = Object.fromEntries(
  WEEKDAYS.flatMap(({ weekday }) => [
    [`open${weekday}`, z.string().trim().optional()],
    [`close${weekday}`, z.string().trim().optional()],
  ]),
) as Record<string, z.ZodOptional<z.ZodString>>;

const calendarSchema = z
  .object({
    id: z.uuid('Calendar not found.').optional(),
    name: text('Name', 80),
    timeZone: z.string({ error: 'Choose a time zone.' }).refine(isValidTimeZone, 'Choose a valid time zone.'),
    ...dayFields,
  })
  .transform((v, ctx) => {
    const days: OpeningHours['days'] = [];
    for (const { weekday, name } of WEEKDAYS) {
      const open = (v as Record<string, string | undefined>)[`open${weekday}`] ?? '';
      const close = (v as Record<string, string | undefined>)[`close${weekday}`] ?? '';
      if (!open && !close) continue;
      if (!isLocalTime(open) || open === '24:00') {
        ctx.addIssue({ code: 'custom', path: [`open${weekday}`], message: `Give ${name}'s opening time as HH:MM.` });
        continue;
      }
      if (!isLocalTime(close)) {
        ctx.addIssue({ code: 'custom', path: [`close${weekday}`], message: `Give ${name}'s closing time as HH:MM.` });
        continue;
      }
      if (minutesOf(close) <= minutesOf(open)) {
        ctx.addIssue({
          code: 'custom',
          path: [`close${weekday}`],
          message: `${name} must close after it opens.`,
        });
        continue;
      }
      days.push({ weekday, open, close });
    }
    if (!opensAtAll({ days }) && ctx.issues.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['open1'],
        message: 'Give opening hours for at least one day: a calendar that never opens has no business time.',
      });
    return { id: v.id, name: v.name, timeZone: v.timeZone, hours: { days } };
  });

const holidaySchema = z.object({
  calendarId: z.uuid('Calendar not found.'),
  // PostgreSQL has no year 0000 (z.iso.date lets it through).
  day: z.iso.date('Give the date as YYYY-MM-DD.').refine((d) => Number(d.slice(0, 4)) >= 1, 'Choose a real date.'),
  name: text('Name', 80),
});
const removeHolidaySchema = z.object({ id: z.uuid('Holiday not found.') });

const NAME_TAKEN = 'A calendar with this name exists already.';

/** Creates or (with `id`) edits a business calendar: name, time zone, weekly opening hours. */
export function saveCalendar(db: Db, actor: Actor, raw: unknown): Promise<Result<BusinessCalendar>> {
  return runUseCase(db, calendarSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [taken] = await tx
      .select({ id: businessCalendars.id })
      .from(businessCalendars)
      .where(
        and(
          sql`lower(${businessCalendars.name}) = lower(${input.name})`,
          input.id ? ne(businessCalendars.id, input.id) : undefined,
        ),
      );
    if (taken) fail('invalid', NAME_TAKEN, { name: [NAME_TAKEN] });
    const values = { name: input.name, timeZone: input.timeZone, hours: input.hours };
    let saved: BusinessCalendar;
    if (input.id) {
      const [before] = await tx
        .select()
        .from(businessCalendars)
        .where(eq(businessCalendars.id, input.id))
        .for('update');
      if (!before) fail('not_found', 'Calendar not found.');
      // The policies counted in this calendar must still reach their targets in the new hours.
      const longest = await tx
        .select({ name: slaPolicies.name, fr: slaPolicies.firstResponseMinutes, res: slaPolicies.resolutionMinutes })
        .from(slaPolicies)
        .where(eq(slaPolicies.calendarId, before.id));
      const max = maxTargetMinutes(input.hours);
      const blocked = longest.find((p) => Math.max(p.fr, p.res) > max);
      if (blocked) {
        const message = `Policy ${blocked.name} needs more opening hours than these (at most ${asHours(max)} of target).`;
        fail('invalid', message, { open1: [message] });
      }
      // A rename racing another to the same name: the unique index decides, the field says so.
      const [updated] = await tx
        .update(businessCalendars)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(businessCalendars.id, before.id))
        .returning()
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) fail('invalid', NAME_TAKEN, { name: [NAME_TAKEN] });
          throw error;
        });
      if (!updated) throw new Error('calendar update returned nothing');
      saved = updated;
      const changes = changedFields(
        { name: before.name, timeZone: before.timeZone, hours: before.hours },
        { name: updated.name, timeZone: updated.timeZone, hours: updated.hours },
      );
      if (changes)
        await recordAudit(tx, actor, {
          action: 'calendar.updated',
          entityType: 'calendar',
          entityId: updated.id,
          entityLabel: updated.name,
          ...changes,
        });
    } else {
      const [created] = await tx.insert(businessCalendars).values(values).onConflictDoNothing().returning();
      if (!created) fail('invalid', NAME_TAKEN, { name: [NAME_TAKEN] });
      saved = created;
      await recordAudit(tx, actor, {
        action: 'calendar.created',
        entityType: 'calendar',
        entityId: created.id,
        entityLabel: created.name,
        after: values,
      });
    }
    await recomputeLater(tx);
    return saved;
  });
}

/** Adds a closed day to a calendar. */
export function addHoliday(db: Db, actor: Actor, raw: unknown): Promise<Result<CalendarHoliday>> {
  return runUseCase(db, holidaySchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [calendar] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, input.calendarId));
    if (!calendar) fail('not_found', 'Calendar not found.');
    const [holiday] = await tx
      .insert(calendarHolidays)
      .values({ calendarId: calendar.id, day: input.day, name: input.name })
      .onConflictDoNothing()
      .returning();
    if (!holiday) fail('invalid', 'This day is a holiday already.', { day: ['This day is a holiday already.'] });
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_added',
      entityType: 'calendar',
      entityId: calendar.id,
      entityLabel: calendar.name,
      after: { day: holiday.day, name: holiday.name },
    });
    await recomputeLater(tx);
    return holiday;
  });
}

/** Removes a holiday (the day is a business day again). */
export function removeHoliday(db: Db, actor: Actor, raw: unknown): Promise<Result<CalendarHoliday>> {
  return runUseCase(db, removeHolidaySchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [holiday] = await tx.delete(calendarHolidays).where(eq(calendarHolidays.id, input.id)).returning();
    if (!holiday) fail('not_found', 'Holiday not found.');
    const [calendar] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, holiday.calendarId));
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_removed',
      entityType: 'calendar',
      entityId: holiday.calendarId,
      entityLabel: calendar?.name ?? '',
      before: { day: holiday.day, name: holiday.name },
    });
    await recomputeLater(tx);
    return holiday;
  });
}

// ---- Reading ----

export interface AdminSlaPolicy extends SlaPolicy {
  categoryName: string | null;
  organizationName: string | null;
  calendarName: string | null;
}

export interface AdminCalendar extends BusinessCalendar {
  holidays: CalendarHoliday[];
}

/** What the SLA admin page shows: policies with names, calendars with holidays, and the choices. */
export async function getSlaAdmin(
  db: Db,
  actor: Actor,
): Promise<{
  policies: AdminSlaPolicy[];
  calendars: AdminCalendar[];
  categories: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
}> {
  requirePermission(actor, 'admin');
  const [policies, calendars, holidays, cats, orgs] = await Promise.all([
    db
      .select()
      .from(slaPolicies)
      .orderBy(asc(slaPolicies.priority), sql`${slaPolicies.active} desc`, asc(slaPolicies.name)),
    db.select().from(businessCalendars).orderBy(asc(businessCalendars.name)),
    db.select().from(calendarHolidays).orderBy(asc(calendarHolidays.day)),
    db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.name)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name)),
  ]);
  const name = (list: { id: string; name: string }[], id: string | null) =>
    id ? (list.find((x) => x.id === id)?.name ?? null) : null;
  return {
    policies: policies.map((p) => ({
      ...p,
      categoryName: name(cats, p.categoryId),
      organizationName: name(orgs, p.organizationId),
      calendarName: name(calendars, p.calendarId),
    })),
    calendars: calendars.map((c) => ({ ...c, holidays: holidays.filter((h) => h.calendarId === c.id) })),
    categories: cats,
    organizations: orgs,
  };
}
