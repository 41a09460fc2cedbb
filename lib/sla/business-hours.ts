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
/** Ten years of days: a calendar open at least once a week finds its next opening long before. */
const MAX_DAYS = 3660;

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
 * The longest target (minutes) a calendar can carry: five years of its weekly opening hours. Due
 * times are searched up to MAX_DAYS ahead (ten years, leaving room for holidays and pauses); a
 * target past that has no due time and would fail every save that computes one.
 */
export function maxTargetMinutes(hours: OpeningHours): number {
  return weeklyOpenMinutes(hours) * 52 * 5;
}

interface Prepared {
  zone: string;
  byWeekday: Map<number, { open: number; close: number }[]>;
  holidays: ReadonlySet<string>;
}

function prepare(calendar: Calendar): Prepared {
  if (!isValidTimeZone(calendar.timeZone)) throw new Error(`unknown time zone ${calendar.timeZone}`);
  if (!opensAtAll(calendar.hours)) throw new Error('a calendar without opening hours has no business time');
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

/** The instant of a local wall time (minutes from midnight, 1440 = next midnight) on a local day. */
function instant(day: DateTime, minutes: number): number {
  if (minutes >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

/** The opening intervals (UTC ms) of one local day, none on a holiday. */
function intervalsOf(p: Prepared, day: DateTime): [number, number][] {
  if (p.holidays.has(day.toISODate() ?? '')) return [];
  return (p.byWeekday.get(day.weekday) ?? []).map(({ open, close }) => [instant(day, open), instant(day, close)]);
}

function startDay(p: Prepared, at: number): DateTime {
  return DateTime.fromMillis(at, { zone: p.zone }).startOf('day');
}

/**
 * The moment `minutes` business minutes after `start`. Without a calendar, plain minutes. A target
 * that ends exactly at closing time is due at closing time (not at the next opening); zero minutes
 * is `start` itself.
 */
export function addBusinessMinutes(calendar: Calendar | null, start: Date, minutes: number): Date {
  return addBusinessMs(calendar, start, minutes * MINUTE);
}

/** addBusinessMinutes in milliseconds (pauses are measured in ms). */
export function addBusinessMs(calendar: Calendar | null, start: Date, ms: number): Date {
  if (ms <= 0 || calendar === null) return new Date(start.getTime() + Math.max(0, ms));
  const p = prepare(calendar);
  let remaining = ms;
  let day = startDay(p, start.getTime());
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const [open, close] of intervalsOf(p, day)) {
      const from = Math.max(open, start.getTime());
      if (from >= close) continue;
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
    }
  }
  throw new Error('no business time within ten years (every day a holiday?)');
}

/** Business milliseconds between two moments (0 when `to` is not after `from`). */
export function businessMsBetween(calendar: Calendar | null, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (calendar === null) return to.getTime() - from.getTime();
  const p = prepare(calendar);
  let total = 0;
  let day = startDay(p, from.getTime());
  const end = to.getTime();
  for (let i = 0; i < MAX_DAYS * 2 && day.toMillis() < end; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const [open, close] of intervalsOf(p, day)) {
      const a = Math.max(open, from.getTime());
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
  }
  return total;
}
