import type { BacklogResult, CsatResult, NpsResult, ShareResult, SlaResult } from './definitions';

/*
 * The dashboard's shapes: plain, serialisable data, free of the database, so React components
 * (server and client) can import them.
 */

/** Half-open: from ≤ t < to. */
export interface MetricsPeriod {
  from: Date;
  to: Date;
}

export interface DashboardTiles {
  /** Surveys answered in the period. */
  csat: CsatResult;
  nps: NpsResult;
  /** Tickets resolved in the period. */
  fcr: ShareResult;
  reopenRate: ShareResult;
  aht: { resolved: number; meanHours: number | null; businessMeanHours?: number | null; businessCount?: number };
  /** Tickets whose first public agent reply fell in the period. */
  frt: {
    responded: number;
    meanHours: number | null;
    medianHours: number | null;
    /** Business hours (tickets.first_response_business_ms), over the tickets that have it (the rollups only). */
    businessMeanHours?: number | null;
    businessCount?: number;
  };
  /** Tickets created in the period, judged at `now`. */
  sla: SlaResult;
  /** Every unresolved ticket at `now`, whatever the period. */
  backlog: BacklogResult;
}

/** One UTC week (Monday, YYYY-MM-DD); each figure keyed by its own moment (answered, resolved, …). */
export interface WeeklyPoint {
  week: string;
  /**
   * Days of this week inside the period (7 for a whole week). The first and last week of a period
   * are often partial: their figures cover only these days, so they are marked, not plotted as whole.
   */
  daysInPeriod: number;
  partial: boolean;
  /** Tickets created that week. */
  tickets: number;
  csatAnswered: number;
  csatShare: number | null;
  csatMean: number | null;
  nps: number | null;
  ahtHours: number | null;
  frtHours: number | null;
}

/** One team or category. `id` null gathers tickets without one. */
export interface BreakdownRow {
  id: string | null;
  name: string;
  /** Tickets created in the period. */
  created: number;
  /** Tickets resolved in the period (FCR and AHT are over these). */
  resolved: number;
  csatAnswered: number;
  csatShare: number | null;
  fcrShare: number | null;
  ahtHours: number | null;
  /** SLA compliance of the tickets created in the period (rollup breakdowns only). */
  slaShare?: number | null;
  /** Unresolved now. */
  backlog: number;
  /** The per-agent table only: the agent's mean QA review score (1–5) over the period's weeks (lib/metrics/qa.ts). */
  qaScore?: number | null;
}

export interface Dashboard {
  period: MetricsPeriod;
  now: Date;
  tiles: DashboardTiles;
  weekly: WeeklyPoint[];
  byTeam: BreakdownRow[];
  byCategory: BreakdownRow[];
}

/** One UTC day of the rollups: volume in vs resolved, and SLA compliance of the tickets created that day. */
export interface DailyPoint {
  day: string;
  created: number;
  resolved: number;
  frMet: number;
  frMissed: number;
  frShare: number | null;
  resMet: number;
  resMissed: number;
  resShare: number | null;
  /** Every rollup sum of the day (for the weekly series). */
  sums: Record<string, number>;
}
