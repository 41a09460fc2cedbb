/**
 * Business-time arithmetic for a calendar: an IANA time zone, weekly opening intervals per ISO
 * weekday (local "HH:MM"; "24:00" closes at midnight) and holidays (local dates, closed all day).
 * Pure: no clock, no database.
 *
 * Local times become instants through luxon (its zone rules come from the runtime's Intl data):
 * an opening at 09:00 in Europe/Amsterdam is 08:00Z in winter and 07:00Z in summer, and on the
 * night the clocks change an interval is as long as the wall clock says it really lasts (a night
 * shift 00:00–06:00 is 5 hours on the spring-forward night, 7 on the fall-back night). A local
 * time that does not exist (02:30 on the spring-forward night) is read as the first moment after
 * the gap, as luxon does.
 */
import { DateTime } from 'luxon';
import type { OpeningHours } from '@/db/sla-schema';

export interface Calendar {
  timeZone: string;
  hours: OpeningHours;
  /** Closed local dates, "YYYY-MM-DD". */
  holidays: ReadonlySet<string> | readonly string[];
}

/** Round the clock: every moment counts (the built-in defaults, a policy without a calendar). */
export const ROUND_THE_CLOCK = null;

const MINUTE = 60_000;
/**
 * Ten years of days: a search for the next opening gives up after this many days in a row without
 * one (every day a holiday, or no opening hours at all): "no business time within ten years".
 */
export const GAP_DAYS = 3660;
export const GAP_YEARS = 10;
/**
 * A hard limit on how far ahead a due time is searched (two hundred years), so that any input ends
 * in bounded work. Targets are at most five years of weekly hours (maxTargetMinutes) and pauses at
 * most as long as the requests are old, so a real due time lies well within it.
 */
const LIMIT_DAYS = 200 * 366;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Whether a string is a local "HH:MM" time (00:00 … 24:00). */
export function isLocalTime(value: string): boolean {
  return TIME.test(value);
}

/** Minutes since local midnight of "HH:MM". */
export function minutesOf(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether the zone is one the runtime knows (IANA name). */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** Opening hours that never open cannot carry a due time: refused when a calendar is saved. */
export function opensAtAll(hours: OpeningHours): boolean {
  return hours.days.some((d) => minutesOf(d.close) > minutesOf(d.open));
}

/** Business milliseconds the calendar is open in a week (a holiday-free one). */
export function weeklyOpenMinutes(hours: OpeningHours): number {
  return hours.days.reduce((sum, d) => sum + Math.max(0, minutesOf(d.close) - minutesOf(d.open)), 0);
}

/**
 * The longest target (minutes) a calendar can carry: five years of its weekly opening hours. Longer
 * ones are refused when a policy is saved (a due time decades ahead is a mistake, not a target).
 */
export function maxTargetMinutes(hours: OpeningHours): number {
  return weeklyOpenMinutes(hours) * 52 * 5;
}

interface Prepared {
  zone: string;
  byWeekday: Map<number, { open: number; close: number }[]>;
  holidays: ReadonlySet<string>;
}

/** The calendar ready for arithmetic; null when it has no business time (no opening hours, unknown zone). */
function prepare(calendar: Calendar): Prepared | null {
  if (!isValidTimeZone(calendar.timeZone) || !opensAtAll(calendar.hours)) return null;
  const byWeekday = new Map<number, { open: number; close: number }[]>();
  for (const d of calendar.hours.days) {
    const open = minutesOf(d.open);
    const close = minutesOf(d.close);
    if (close <= open) continue;
    byWeekday.set(d.weekday, [...(byWeekday.get(d.weekday) ?? []), { open, close }]);
  }
  for (const list of byWeekday.values()) list.sort((a, b) => a.open - b.open);
  const holidays = calendar.holidays instanceof Set ? calendar.holidays : new Set(calendar.holidays);
  return { zone: calendar.timeZone, byWeekday, holidays: holidays as ReadonlySet<string> };
}

/**
 * A local calendar date as a day counter: the UTC midnight of that civil date (not an instant in
 * the calendar's zone). Stepping and reading weekdays and holidays need no time-zone rules, so a
 * closed day costs next to nothing; only opening and closing times go through luxon.
 */
type LocalDay = number;
const DAY_MS = 86_400_000;

/** The instant of a local wall time (minutes from midnight, 1440 = next midnight) on a local day. */
function instant(p: Prepared, day: LocalDay, minutes: number): number {
  if (minutes >= 1440) return instant(p, day + DAY_MS, 0);
  const d = new Date(day);
  // From local midnight, as luxon sets a wall time on a day: an ambiguous time (01:00 on the
  // fall-back night) keeps midnight's offset, the earlier of the two.
  const midnight = DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    { zone: p.zone },
  );
  return minutes === 0
    ? midnight.toMillis()
    : midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** The opening intervals (UTC ms) of one local day, none on a holiday. */
function intervalsOf(p: Prepared, day: LocalDay): [number, number][] {
  const hours = p.byWeekday.get(new Date(day).getUTCDay() || 7);
  if (!hours || p.holidays.has(new Date(day).toISOString().slice(0, 10))) return [];
  return hours.map(({ open, close }) => [instant(p, day, open), instant(p, day, close)]);
}

/** The local date of an instant in the calendar's zone. */
function localDay(p: Prepared, at: number): LocalDay {
  const local = DateTime.fromMillis(at, { zone: p.zone });
  return Date.UTC(local.year, local.month - 1, local.day);
}

/**
 * The moment `minutes` business minutes after `start`. Without a calendar, plain minutes. A target
 * that ends exactly at closing time is due at closing time (not at the next opening); zero minutes
 * is `start` itself. Null when the calendar has no business time to reach it: no opening hours (or
 * an unknown zone), GAP_YEARS in a row without an opening (every day a holiday), or a due time
 * beyond the search limit. Callers store no due time then (nothing falls due); a policy save
 * refuses a target its calendar cannot reach (lib/admin/sla.ts).
 */
export function addBusinessMinutes(calendar: Calendar | null, start: Date, minutes: number): Date | null {
  return addBusinessMs(calendar, start, minutes * MINUTE);
}

/** addBusinessMinutes in milliseconds (pauses are measured in ms). */
export function addBusinessMs(calendar: Calendar | null, start: Date, ms: number): Date | null {
  if (ms <= 0 || calendar === null) return new Date(start.getTime() + Math.max(0, ms));
  const p = prepare(calendar);
  if (!p) return null;
  let remaining = ms;
  let day = localDay(p, start.getTime());
  let closedInARow = 0;
  for (let i = 0; i < LIMIT_DAYS && closedInARow < GAP_DAYS; i++, day += DAY_MS) {
    let opened = false;
    for (const [open, close] of intervalsOf(p, day)) {
      const from = Math.max(open, start.getTime());
      if (from >= close) continue;
      opened = true;
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
    }
    closedInARow = opened ? 0 : closedInARow + 1;
  }
  return null;
}

/**
 * Business milliseconds between two moments (0 when `to` is not after `from`), exact for any span:
 * the work is one step per local day between them. A calendar without business time counts 0.
 */
export function businessMsBetween(calendar: Calendar | null, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (calendar === null) return to.getTime() - from.getTime();
  const p = prepare(calendar);
  if (!p) return 0;
  let total = 0;
  const end = to.getTime();
  const last = localDay(p, end);
  for (let day = localDay(p, from.getTime()); day <= last; day += DAY_MS) {
    for (const [open, close] of intervalsOf(p, day)) {
      const a = Math.max(open, from.getTime());
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
  }
  return total;
}
