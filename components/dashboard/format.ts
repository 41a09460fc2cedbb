import { oneDecimal as roundToOneDecimal } from '@/lib/metrics/chart-values';

/** How the dashboard writes its figures. `null` (no data) is always an em dash, never 0. */

export const NO_DATA = '—';

const LOCALE = 'en-GB';
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const count = new Intl.NumberFormat(LOCALE);
// Dates are UTC throughout (the weekly series is cut on UTC weeks), so server and browser agree.
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A share 0..1 as "66.7%". */
export const formatPercent = (share: number | null): string => (share === null ? NO_DATA : percent.format(share));

/** Hours as "33.6 h". */
export const formatHours = (hours: number | null): string =>
  hours === null ? NO_DATA : `${oneDecimal.format(hours)} h`;

/** An NPS (−100…100) with its sign: "+25", "-14.3", "0". */
export const formatNps = (score: number | null): string => (score === null ? NO_DATA : signed.format(score));

/** The CSAT mean as "3.6 / 5". */
export const formatCsatMean = (mean: number | null): string =>
  mean === null ? NO_DATA : `${oneDecimal.format(mean)} / 5`;

export const formatCount = (n: number): string => count.format(n);

/** A week's Monday (YYYY-MM-DD) as "7 Mar", or "7 Mar 2024" with the year (when weeks span years). */
export const formatWeek = (week: string, withYear = false): string =>
  (withYear ? dayMonthYear : dayMonth).format(new Date(`${week}T00:00:00Z`));

/** Whether a run of weeks crosses a year boundary, so labels need the year. */
export const spansYears = (weeks: readonly { week: string }[]): boolean =>
  new Set(weeks.map((w) => w.week.slice(0, 4))).size > 1;

const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/**
 * The period with the dates it covers: "Last 30 days: 31 Oct 2026, 10:00 – 30 Nov 2026, 10:00 UTC",
 * or a custom range of whole days "1 Jan 2024 – 31 Jan 2024 (whole days, UTC)" (`to` is exclusive).
 */
export function formatPeriod(period: { from: Date; to: Date; days: number | null }): string {
  if (period.days !== null)
    return `Last ${period.days} days: ${dateTime.format(period.from)} – ${dateTime.format(period.to)} UTC`;
  const lastDay = new Date(period.to.getTime() - 86_400_000);
  return `${dayMonthYear.format(period.from)} – ${dayMonthYear.format(lastDay)} (whole days, UTC)`;
}

/** A partial week's note: "4.5 of 7 days in the period", or "less than a day in the period". */
export const formatPartialWeek = (days: number): string =>
  days < 1 ? 'less than a day in the period' : `${oneDecimal.format(days)} of 7 days in the period`;

/** A number for a chart, rounded to one decimal (null stays a gap): the CSV's rule too. */
export const forChart = roundToOneDecimal;

/** A QA review score (1–5) as "4.25 / 5" (two decimals, as the trends keep it). */
export const formatQaScore = (score: number | null): string => (score === null ? NO_DATA : `${score.toFixed(2)} / 5`);
