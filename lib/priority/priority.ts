import type { Impact } from '@/db/schema';

export type Severity = 1 | 2 | 3 | 4;
export type Priority = 1 | 2 | 3 | 4;

export const SEVERITY_LABELS: Record<Severity, string> = { 1: 'Critical', 2: 'Major', 3: 'Moderate', 4: 'Minor' };
export const IMPACT_LABELS: Record<Impact, string> = {
  single: 'One person',
  several: 'Several people',
  many: 'Many people',
};
export const PRIORITY_LABELS: Record<Priority, string> = { 1: 'P1 Urgent', 2: 'P2 High', 3: 'P3 Normal', 4: 'P4 Low' };

/**
 * The fixed priority matrix (ARCHITECTURE.md): rows are severity (1 critical … 4 minor),
 * columns impact. The worse the harm and the more people, the more urgent.
 */
export const PRIORITY_MATRIX: Record<Severity, Record<Impact, Priority>> = {
  1: { many: 1, several: 1, single: 2 },
  2: { many: 1, several: 2, single: 2 },
  3: { many: 2, several: 3, single: 3 },
  4: { many: 3, several: 4, single: 4 },
};

export function priorityFor(severity: Severity, impact: Impact): Priority {
  return PRIORITY_MATRIX[severity][impact];
}
