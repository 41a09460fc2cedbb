/**
 * Quality review rules that need no database (unit-tested in rules.test.ts): ISO weeks, a review's
 * scores against the rubric, and the weekly trend the dashboard draws.
 */

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const SCORE_CHOICES = [1, 2, 3, 4, 5] as const;

const DAY = 86_400_000;

/** The Monday (UTC, YYYY-MM-DD) of the ISO week holding `date`: the key of a week's sample. */
export function weekOf(date: Date): string {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(midnight - weekday * DAY).toISOString().slice(0, 10);
}

/** The Monday `weeks` weeks after (or before, when negative) the Monday `week`. */
export function addWeeks(week: string, weeks: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * DAY).toISOString().slice(0, 10);
}

/** The half-open moments of a week: Monday 00:00 UTC ≤ t < next Monday. */
export function weekBounds(week: string): { from: Date; to: Date } {
  const from = new Date(`${week}T00:00:00Z`);
  return { from, to: new Date(from.getTime() + 7 * DAY) };
}

/** A Monday in YYYY-MM-DD, or null (a URL's week that is not one). */
export function parseWeek(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) return null;
  const year = Number(value.slice(0, 4));
  if (year < 2000 || year > 2100) return null;
  return weekOf(new Date(time)) === value ? value : null;
}

/** "Week 48 of 2026 (from 23 Nov)": ISO week number and year of the week's Thursday. */
export function weekLabel(week: string): string {
  const thursday = new Date(Date.parse(`${week}T00:00:00Z`) + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const number = 1 + Math.round((Date.parse(weekOf(thursday)) - Date.parse(weekOf(firstThursday))) / (7 * DAY));
  const from = new Date(`${week}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return `Week ${number} of ${year} (from ${from})`;
}

export interface RubricCriterion {
  id: string;
  name: string;
  active: boolean;
}

/**
 * A review's scores from a form: every active criterion needs a whole number from 1 to 5 (field
 * `score_<criterion id>`); anything else is a field error beside that criterion. Inactive or
 * unknown criteria posted are ignored.
 */
export function readScores(
  criteria: readonly RubricCriterion[],
  raw: Record<string, unknown>,
): { scores: Record<string, number>; fieldErrors: Record<string, string[]> } {
  const scores: Record<string, number> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const criterion of criteria) {
    if (!criterion.active) continue;
    const key = `score_${criterion.id}`;
    const value = raw[key];
    const score = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
    if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE)
      fieldErrors[key] = [`Score ${criterion.name} from ${MIN_SCORE} to ${MAX_SCORE}.`];
    else scores[criterion.id] = score;
  }
  return { scores, fieldErrors };
}

/** A review's score: the mean of its criterion scores, to two decimals (null when none). */
export function reviewScore(scores: Record<string, number>): number | null {
  const values = Object.values(scores);
  if (values.length === 0) return null;
  return round2(values.reduce((a, b) => a + b, 0) / values.length);
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface ScoredReview {
  /** Who the trend line is for: an agent's id or a team's id. */
  key: string;
  name: string;
  /** The sample's week (Monday). */
  week: string;
  score: number;
}

export interface TrendLine {
  key: string;
  name: string;
  /** The mean score of each week in `weeks` (null: no review that week). */
  points: (number | null)[];
  /** The mean over every review of the period (not the mean of the weekly means). */
  average: number | null;
  reviews: number;
}

/**
 * Weekly averages per agent (or team) over the period's weeks: each week is the mean of that
 * week's review scores, the period's figure the mean of all its reviews. Lines sorted by name.
 */
export function weeklyTrend(reviews: readonly ScoredReview[], weeks: readonly string[]): TrendLine[] {
  const lines = new Map<string, { name: string; sums: Map<string, [number, number]>; total: number; n: number }>();
  for (const r of reviews) {
    const line = lines.get(r.key) ?? { name: r.name, sums: new Map(), total: 0, n: 0 };
    const [sum, count] = line.sums.get(r.week) ?? [0, 0];
    line.sums.set(r.week, [sum + r.score, count + 1]);
    line.total += r.score;
    line.n += 1;
    lines.set(r.key, line);
  }
  return [...lines.entries()]
    .map(([key, line]) => ({
      key,
      name: line.name,
      points: weeks.map((w) => {
        const cell = line.sums.get(w);
        return cell ? round2(cell[0] / cell[1]) : null;
      }),
      average: line.n > 0 ? round2(line.total / line.n) : null,
      reviews: line.n,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/** Every Monday from the week of `from` to the week of the last moment before `to`. */
export function weeksBetween(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  const last = weekOf(new Date(to.getTime() - 1));
  // By time, not as text: past year 9999 toISOString writes "+010000-…", which sorts before "9999-…".
  for (let w = weekOf(from); Date.parse(w) <= Date.parse(last) && weeks.length < 60; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}
