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
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated search param (?days=7&days=30) counts by its first value. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const daysSchema = z.object({
  days: z.preprocess(single, z.enum(PERIOD_DAYS.map(String) as [string, ...string[]]).transform((d) => Number(d) as PeriodDays)),
});

/** `from` and `to` are whole UTC days, both included: the period ends at midnight after `to`. */
export const rangeSchema = z
  .object({ from: z.preprocess(single, z.iso.date()), to: z.preprocess(single, z.iso.date()) })
  .transform(({ from, to }) => ({ from: new Date(`${from}T00:00:00Z`), to: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) }))
  .refine(({ from, to }) => from < to, { message: 'The period must end after it starts.' })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= MAX_CUSTOM_DAYS * DAY_MS, { message: `The period can be at most ${MAX_CUSTOM_DAYS} days.` });

/** The page's search params as a period: a valid from/to range first, then ?days=, else the last 30 days. */
export function parsePeriod(params: SearchParams, now: Date = new Date()): DashboardPeriod {
  const range = rangeSchema.safeParse(params);
  if (range.success) return { ...range.data, days: null };
  const parsed = daysSchema.safeParse(params);
  const days = parsed.success ? parsed.data.days : DEFAULT_PERIOD_DAYS;
  return { from: new Date(now.getTime() - days * DAY_MS), to: now, days };
}
