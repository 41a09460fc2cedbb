import { z } from 'zod';
import { DAY_MS } from './definitions';
import type { MetricsPeriod } from './types';

export const PERIOD_DAYS = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
export const DEFAULT_PERIOD_DAYS: PeriodDays = 30;
/** A custom range longer than this is refused (the weekly series would be unreadable). */
export const MAX_CUSTOM_DAYS = 731;

/** The dashboard's period: the last `days` days up to now, or a custom range of whole UTC days (`days` null). */
export interface DashboardPeriod extends MetricsPeriod {
  days: PeriodDays | null;
  /** Why a from/to range asked for was not used (the page says so), or null. */
  problem: string | null;
}

/**
 * The dates a custom range may use. PostgreSQL has no year 0 and JavaScript writes year 10000 as
 * "+010000", so both ends must stay inside ordinary years; these bounds leave every real period in.
 */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '9999-12-30';

export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated search param (?days=7&days=30) counts by its first value. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const daysSchema = z.object({
  days: z.preprocess(
    single,
    z.enum(PERIOD_DAYS.map(String) as [string, ...string[]]).transform((d) => Number(d) as PeriodDays),
  ),
});

/** `from` and `to` are whole UTC days, both included: the period ends at midnight after `to`. */
const day = (label: string) =>
  z.preprocess(
    single,
    z.iso
      .date({ error: `Give the ${label} date as YYYY-MM-DD.` })
      .refine(
        (d) => d >= FIRST_DAY && d <= LAST_DAY,
        `The ${label} date must be between ${FIRST_DAY} and ${LAST_DAY}.`,
      ),
  );

export const rangeSchema = z
  .object({ from: day('start'), to: day('end') })
  .transform(({ from, to }) => ({
    from: new Date(`${from}T00:00:00Z`),
    to: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS),
  }))
  .refine(({ from, to }) => from < to, { message: 'The period must end after it starts.' })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= MAX_CUSTOM_DAYS * DAY_MS, {
    message: `The period can be at most ${MAX_CUSTOM_DAYS} days.`,
  });

/**
 * The page's search params as a period: a valid from/to range first, then ?days=, else the last 30
 * days. A range given but unusable (bad or out-of-range date, backwards, too long) falls back the
 * same way and says why in `problem`: the page shows the message instead of failing.
 */
export function parsePeriod(params: SearchParams, now: Date = new Date()): DashboardPeriod {
  const asked = single(params.from) !== undefined || single(params.to) !== undefined;
  const range = rangeSchema.safeParse(params);
  if (range.success) return { ...range.data, days: null, problem: null };
  const parsed = daysSchema.safeParse(params);
  const days = parsed.success ? parsed.data.days : DEFAULT_PERIOD_DAYS;
  const problem = asked
    ? `That period could not be shown: ${range.error.issues[0]?.message ?? 'give both dates'} Showing the last ${days} days instead.`
    : null;
  return { ...lastWholeDays(days, now), days, problem };
}

/**
 * The last `days` whole UTC days, today included (up to midnight tonight): the daily rollups count
 * whole days, so a preset covers today so far and the `days − 1` days before it.
 */
export function lastWholeDays(days: number, now: Date): MetricsPeriod {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(today - (days - 1) * DAY_MS), to: new Date(today + DAY_MS) };
}
