import type { Status } from '@/db/schema';

/*
 * The metric definitions of docs/design.md §4, in one place. Pure functions over plain arrays; the
 * dashboard's SQL aggregates (lib/metrics/sql.ts) use the same constants and feed their counts
 * through the same `…FromCounts` functions, so the page, the API and the tests agree.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** CSAT 1–5: a 4 or a 5 counts as satisfied. */
export const SATISFIED_MIN_CSAT = 4;
/** NPS 0–10: 9–10 promoters, 0–6 detractors, 7–8 passives. */
export const PROMOTER_MIN_NPS = 9;
export const DETRACTOR_MAX_NPS = 6;
/** First-contact resolution: exactly this many public agent replies, and never reopened. */
export const FIRST_CONTACT_PUBLIC_REPLIES = 1;
/**
 * Merged duplicates: a request merged into another (a `merged_into` link) is closed with its work
 * moved to the survivor, so its own row says nothing about how the request was handled. It is
 * left out of every outcome metric — FCR, reopen rate, AHT and SLA compliance — and counted
 * where it is a fact of its own: tickets created (the customer did write), the first response
 * it got before the merge (FRT), a survey answered on it (CSAT, NPS). It is never in the backlog
 * (merging closes it).
 */
export const MERGED_DUPLICATES_LEFT_OUT_OF = ['fcr', 'reopenRate', 'aht', 'sla'] as const;

/** Backlog: tickets someone still has to work on (resolved and closed are done). */
export const BACKLOG_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const satisfies readonly Status[];

/** Backlog age buckets: a ticket falls in the first bucket whose bound its age is below. */
export const BACKLOG_BUCKETS = [
  { key: 'under1d', label: '< 1 day', underDays: 1 },
  { key: 'd1to3', label: '1–3 days', underDays: 3 },
  { key: 'd3to7', label: '3–7 days', underDays: 7 },
  { key: 'd7to14', label: '7–14 days', underDays: 14 },
  { key: 'over14d', label: '> 14 days', underDays: null },
] as const;
export type BacklogBucketKey = (typeof BACKLOG_BUCKETS)[number]['key'];

// ---------------------------------------------------------------------------------------------
// Shared arithmetic

/** part / whole, or null when there is nothing to divide by (never 0 %: "no data" is not "none met"). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function mean(values: readonly number[]): number | null {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** The middle value; with an even count the mean of the two middle values (as SQL percentile_cont(0.5)). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Rounded to one decimal, halves away from zero (so −6.25 → −6.3 like 6.25 → 6.3). */
export function round1(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
}

// ---------------------------------------------------------------------------------------------
// CSAT and NPS

export interface CsatResult {
  answered: number;
  satisfied: number;
  /** Share (0..1) of answered surveys scored 4 or 5; null when none answered. */
  satisfiedShare: number | null;
  /** Mean score 1–5; null when none answered. */
  mean: number | null;
}

export function csatFromCounts(answered: number, satisfied: number, scoreTotal: number): CsatResult {
  return { answered, satisfied, satisfiedShare: share(satisfied, answered), mean: share(scoreTotal, answered) };
}

export function csat(scores: readonly number[]): CsatResult {
  const satisfied = scores.filter((s) => s >= SATISFIED_MIN_CSAT).length;
  return csatFromCounts(
    scores.length,
    satisfied,
    scores.reduce((a, b) => a + b, 0),
  );
}

export interface NpsResult {
  answered: number;
  promoters: number;
  detractors: number;
  /** Percentages 0–100, one decimal; null when none answered. */
  promoterPercent: number | null;
  detractorPercent: number | null;
  /** % promoters − % detractors (−100…100), one decimal, from the unrounded percentages. */
  score: number | null;
}

export function npsFromCounts(answered: number, promoters: number, detractors: number): NpsResult {
  if (answered === 0)
    return { answered, promoters, detractors, promoterPercent: null, detractorPercent: null, score: null };
  const percent = (n: number) => round1((n * 100) / answered);
  return {
    answered,
    promoters,
    detractors,
    promoterPercent: percent(promoters),
    detractorPercent: percent(detractors),
    score: percent(promoters - detractors),
  };
}

export function nps(scores: readonly number[]): NpsResult {
  const promoters = scores.filter((s) => s >= PROMOTER_MIN_NPS).length;
  const detractors = scores.filter((s) => s <= DETRACTOR_MAX_NPS).length;
  return npsFromCounts(scores.length, promoters, detractors);
}

// ---------------------------------------------------------------------------------------------
// Resolution: FCR, reopen rate, handling time, first response time

export interface ShareResult {
  /** How many were looked at (the denominator). */
  total: number;
  /** How many qualified (the numerator). */
  count: number;
  share: number | null;
}

export const shareResult = (count: number, total: number): ShareResult => ({
  total,
  count,
  share: share(count, total),
});

export const isFirstContactResolution = (t: { publicReplyCount: number; reopenCount: number }): boolean =>
  t.publicReplyCount === FIRST_CONTACT_PUBLIC_REPLIES && t.reopenCount === 0;

/** FCR over resolved tickets: resolved with exactly one public agent reply and never reopened. */
export function fcr(resolved: readonly { publicReplyCount: number; reopenCount: number }[]): ShareResult {
  return shareResult(resolved.filter(isFirstContactResolution).length, resolved.length);
}

/** Reopen rate over resolved tickets: reopened at least once (and resolved again). */
export function reopenRate(resolved: readonly { reopenCount: number }[]): ShareResult {
  return shareResult(resolved.filter((t) => t.reopenCount >= 1).length, resolved.length);
}

/** AHT: mean milliseconds from creation to (the latest) resolution, over resolved tickets. */
export function handlingTime(resolved: readonly { createdAt: Date; resolvedAt: Date | null }[]): {
  count: number;
  meanMs: number | null;
} {
  const durations = resolved.flatMap((t) => (t.resolvedAt ? [t.resolvedAt.getTime() - t.createdAt.getTime()] : []));
  return { count: durations.length, meanMs: mean(durations) };
}

/** FRT: mean and median milliseconds from creation to the first public agent reply, over tickets that have one. */
export function firstResponseTime(tickets: readonly { createdAt: Date; firstResponseAt: Date | null }[]): {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
} {
  const durations = tickets.flatMap((t) =>
    t.firstResponseAt ? [t.firstResponseAt.getTime() - t.createdAt.getTime()] : [],
  );
  return { count: durations.length, meanMs: mean(durations), medianMs: median(durations) };
}

// ---------------------------------------------------------------------------------------------
// SLA compliance

export interface SlaFacts {
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  resolvedAt: Date | null;
  resolutionDueAt: Date | null;
  /**
   * Set while the request waits on the customer: its clock stopped then. The due times move only
   * when it leaves pending (saveTicket), so until then a target is judged at this moment, not now.
   */
  slaPausedAt?: Date | null;
  /**
   * A request closed without being resolved (cancelled by the customer, merged) stops its clock
   * at closing: a target it had not reached by then can no longer be missed.
   */
  closedAt?: Date | null;
}

type TargetOutcome = 'met' | 'missed' | 'pending' | 'none';

/** One target: done by its due time (equal counts as met); not done and past due on its clock is already missed. */
function targetOutcome(doneAt: Date | null, dueAt: Date | null, clock: Date): TargetOutcome {
  if (!dueAt) return 'none';
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  return clock.getTime() > dueAt.getTime() ? 'missed' : 'pending';
}

export type SlaOutcome = 'met' | 'missed' | 'pending' | 'untracked';

/**
 * A ticket meets its SLA when every target it has (first response, resolution) was met.
 * Any missed target decides it at once (even while the other is still running); otherwise a
 * target not yet due leaves it pending, which is left out of the share. A ticket with neither
 * due time is untracked. A resolve without a public reply leaves no first response. The clock of
 * a ticket waiting on the customer stands still where it was paused: it misses nothing meanwhile.
 */
export function slaOutcome(t: SlaFacts, now: Date): SlaOutcome {
  const stops = [now, t.slaPausedAt, t.closedAt].filter((d): d is Date => d instanceof Date);
  const clock = new Date(Math.min(...stops.map((d) => d.getTime())));
  const first = targetOutcome(t.firstResponseAt, t.firstResponseDueAt, clock);
  const resolution = targetOutcome(t.resolvedAt, t.resolutionDueAt, clock);
  if (first === 'none' && resolution === 'none') return 'untracked';
  if (first === 'missed' || resolution === 'missed') return 'missed';
  if (first === 'pending' || resolution === 'pending') return 'pending';
  return 'met';
}

export interface SlaResult {
  met: number;
  missed: number;
  /** met / (met + missed); null when no ticket is decided yet. */
  share: number | null;
}

export function slaFromCounts(met: number, missed: number): SlaResult {
  return { met, missed, share: share(met, met + missed) };
}

export function slaCompliance(tickets: readonly SlaFacts[], now: Date): SlaResult {
  const outcomes = tickets.map((t) => slaOutcome(t, now));
  return slaFromCounts(outcomes.filter((o) => o === 'met').length, outcomes.filter((o) => o === 'missed').length);
}

// ---------------------------------------------------------------------------------------------
// Backlog

export interface BacklogResult {
  total: number;
  buckets: { key: BacklogBucketKey; label: string; count: number }[];
}

export const isBacklogStatus = (status: Status): boolean => (BACKLOG_STATUSES as readonly Status[]).includes(status);

/** The creation-time bound of each bucket but the last: created after it → younger than its `underDays`. */
export function backlogBucketBounds(now: Date): Date[] {
  return BACKLOG_BUCKETS.flatMap((b) => (b.underDays === null ? [] : [new Date(now.getTime() - b.underDays * DAY_MS)]));
}

export function backlogFromCounts(counts: Partial<Record<BacklogBucketKey, number>>): BacklogResult {
  const buckets = BACKLOG_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: counts[b.key] ?? 0 }));
  return { total: buckets.reduce((sum, b) => sum + b.count, 0), buckets };
}

export function backlogBucketOf(createdAt: Date, now: Date): BacklogBucketKey {
  const bounds = backlogBucketBounds(now);
  const index = bounds.findIndex((bound) => createdAt.getTime() > bound.getTime());
  const bucket = BACKLOG_BUCKETS[index === -1 ? BACKLOG_BUCKETS.length - 1 : index];
  if (!bucket) throw new Error('backlog bucket out of range');
  return bucket.key;
}

/** Unresolved tickets (new, open, pending, on hold) by age at `now`. */
export function backlog(tickets: readonly { status: Status; createdAt: Date }[], now: Date): BacklogResult {
  const counts: Partial<Record<BacklogBucketKey, number>> = {};
  for (const t of tickets) {
    if (!isBacklogStatus(t.status)) continue;
    const key = backlogBucketOf(t.createdAt, now);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return backlogFromCounts(counts);
}

// ---------------------------------------------------------------------------------------------
// FRT median from the daily rollups: a histogram with fixed bucket bounds (ms)

/**
 * Upper bounds of the FRT histogram's buckets (the last bucket is open-ended). The rollups keep
 * counts per bucket, so a median over any period is found in its bucket and interpolated within
 * it: exact to the bucket's width (at most a quarter of an hour below 2 h, 1 h below 12 h).
 */
export const FRT_HISTOGRAM_BOUNDS_MS: readonly number[] = [
  ...[5, 10, 15, 20, 30, 45, 60, 75, 90, 105, 120].map((m) => m * 60_000),
  ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 20, 24, 36, 48, 72, 96, 120, 168, 240, 336].map((h) => h * HOUR_MS),
];

/** The bucket index of a duration: the first bound it is below (the last bucket past every bound). */
export function histogramBucket(ms: number, bounds: readonly number[] = FRT_HISTOGRAM_BOUNDS_MS): number {
  const i = bounds.findIndex((b) => ms < b);
  return i === -1 ? bounds.length : i;
}

/**
 * The median of the values a histogram counts, interpolated linearly inside the bucket holding the
 * middle rank (as percentile_cont(0.5) would over evenly spread values); null when it is empty.
 */
export function histogramMedian(
  counts: readonly number[],
  bounds: readonly number[] = FRT_HISTOGRAM_BOUNDS_MS,
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = (total - 1) / 2;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && rank < seen + n) {
      const lo = i === 0 ? 0 : (bounds[i - 1] as number);
      const hi = i < bounds.length ? (bounds[i] as number) : lo * 2;
      return lo + ((hi - lo) * (rank - seen + 0.5)) / n;
    }
    seen += n;
  }
  return null;
}

/**
 * Time to resolve an exception (raising → resolution) for the rollups' histogram: the median and
 * p90 are exact to the bucket (an hour below 4 h, then 4–24 h steps, days above 2 days).
 */
export const EXCEPTION_HISTOGRAM_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 4, 8, 12, 16, 20, 24, 36, 48, 72, 96, 120, 144, 168, 240, 336, 504, 720, 1080, 1440, 2160,
].map((h) => h * HOUR_MS);

/**
 * Time in a stage (cycle time per stage, lib/metrics/cycle-rollup.ts): minutes matter in inquiry,
 * weeks in follow-up, so the median and p90 are exact to the bucket (5–30 min below 2 h, 1–4 h
 * below a day, then 6 h to 15 days; the last bucket, past 90 days, is open-ended).
 */
export const STAGE_HISTOGRAM_BOUNDS_MS: readonly number[] = [
  ...[5, 10, 15, 20, 30, 45, 60, 90, 120].map((m) => m * 60_000),
  ...[
    3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 168, 240, 336, 504, 720, 1080, 1440, 2160,
  ].map((h) => h * HOUR_MS),
];

/**
 * The q-quantile (0 < q < 1) of the values a histogram counts, interpolated linearly inside the
 * bucket holding rank q·(n − 1) (as percentile_cont over evenly spread values); null when empty.
 */
export function histogramPercentile(counts: readonly number[], q: number, bounds: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = (total - 1) * q;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && rank < seen + n) {
      const lo = i === 0 ? 0 : (bounds[i - 1] as number);
      const hi = i < bounds.length ? (bounds[i] as number) : lo * 2;
      return lo + ((hi - lo) * (rank - seen + 0.5)) / n;
    }
    seen += n;
  }
  return null;
}

/** The bucket bounds [lo, hi) the exact median lies in; the rollup's median is inside them. */
export function histogramBucketBounds(
  bucket: number,
  bounds: readonly number[] = FRT_HISTOGRAM_BOUNDS_MS,
): [number, number] {
  const lo = bucket === 0 ? 0 : (bounds[bucket - 1] as number);
  return [lo, bucket < bounds.length ? (bounds[bucket] as number) : Number.POSITIVE_INFINITY];
}
