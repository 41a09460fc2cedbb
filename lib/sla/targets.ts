import type { Priority } from '@/lib/priority/priority';

const HOUR = 3_600_000;

/** Default SLA targets per priority, in calendar hours (business hours and policies come later). */
export const SLA_TARGETS: Record<Priority, { firstResponseHours: number; resolutionHours: number }> = {
  1: { firstResponseHours: 1, resolutionHours: 8 },
  2: { firstResponseHours: 4, resolutionHours: 24 },
  3: { firstResponseHours: 8, resolutionHours: 72 },
  4: { firstResponseHours: 24, resolutionHours: 120 },
};

export function slaDueTimes(createdAt: Date, priority: Priority): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const target = SLA_TARGETS[priority];
  return {
    firstResponseDueAt: new Date(createdAt.getTime() + target.firstResponseHours * HOUR),
    resolutionDueAt: new Date(createdAt.getTime() + target.resolutionHours * HOUR),
  };
}
