import { round1 } from './definitions';

/*
 * The service standards (issue 14): the admin's targets for CSAT, FCR, FRT and SLA compliance
 * (settings key `serviceTargets`), and how a figure is judged against one. The figure is judged
 * as the dashboard shows it (one decimal), so "85.0 %" never reads as missing an 85 % target.
 */

export interface ServiceTargets {
  csatPercent: number | null;
  fcrPercent: number | null;
  frtHours: number | null;
  slaPercent: number | null;
}

export interface TargetJudgement {
  /** The target as the admin set it: a percentage, or hours. */
  target: number;
  /** `at_least` for shares (CSAT, FCR, SLA); `at_most` for times (FRT). */
  direction: 'at_least' | 'at_most';
  met: boolean;
}

/** A share (0..1) against a percentage target; null when either is missing (no data is not a miss). */
export function judgeShare(share: number | null, targetPercent: number | null): TargetJudgement | null {
  if (share === null || targetPercent === null) return null;
  return { target: targetPercent, direction: 'at_least', met: round1(share * 100) >= targetPercent };
}

/** A time in hours against an upper bound in hours; null when either is missing. */
export function judgeHours(hours: number | null, targetHours: number | null): TargetJudgement | null {
  if (hours === null || targetHours === null) return null;
  return { target: targetHours, direction: 'at_most', met: round1(hours) <= targetHours };
}
