/**
 * When is a category or a word "recurring"? One pure rule on counts (unit-tested in
 * recurring-rule.test.ts); lib/problems/recurring.ts feeds it the counts.
 *
 * `current` is the number of requests created in the last 7 days (today included); `baseline`
 * the numbers in each of the BASELINE_WEEKS 7-day windows before that (most recent first; a week
 * with none is 0). With m the baseline mean and s its standard deviation:
 *
 * - at least `minCount` requests this week (a rise from 1 to 3 is noise, not a problem);
 * - at least `minRatio` × max(m, 1) (well above the usual volume: twice by default);
 * - a z-score (current − m) / max(s, √max(m, 1)) of at least `minZ`: the spread floor √m is the
 *   Poisson noise of a count, so a steady baseline (s ≈ 0) does not turn every +1 into a spike,
 *   and a baseline that always swings widely needs a larger rise.
 *
 * Rising items are ranked by z-score, then by this week's count.
 */
export const BASELINE_WEEKS = 8;

export interface RiseRule {
  minCount: number;
  minRatio: number;
  minZ: number;
}

export const DEFAULT_RISE_RULE: RiseRule = { minCount: 5, minRatio: 2, minZ: 3 };

export interface RiseAssessment {
  rising: boolean;
  current: number;
  /** Mean requests per week over the baseline. */
  mean: number;
  /** current ÷ max(mean, 1). */
  ratio: number;
  z: number;
}

export function assessRise(
  current: number,
  baseline: readonly number[],
  rule: RiseRule = DEFAULT_RISE_RULE,
): RiseAssessment {
  const weeks = Array.from({ length: BASELINE_WEEKS }, (_, i) => Math.max(0, baseline[i] ?? 0));
  const mean = weeks.reduce((a, b) => a + b, 0) / weeks.length;
  const variance = weeks.reduce((a, b) => a + (b - mean) ** 2, 0) / weeks.length;
  const floor = Math.max(mean, 1);
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(floor));
  const ratio = current / floor;
  const z = (current - mean) / spread;
  const rising = current >= rule.minCount && ratio >= rule.minRatio && z >= rule.minZ;
  return { rising, current, mean: round(mean), ratio: round(ratio), z: round(z) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Highest z first, then the larger count, then the key (stable for the page and the tests). */
export function byRise<T extends { assessment: RiseAssessment; key: string }>(a: T, b: T): number {
  return b.assessment.z - a.assessment.z || b.assessment.current - a.assessment.current || a.key.localeCompare(b.key);
}

/** The 7-day window a day falls in, counting back from `today` (0: this week, 1 … 8: the baseline). */
export function weekIndex(today: string, day: string): number {
  const diff = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  return Math.floor(diff / 7);
}

/** A date (UTC) as YYYY-MM-DD, `days` days before. */
export function dayString(date: Date, daysBefore = 0): string {
  return new Date(date.getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);
}
