import { z } from 'zod';
import { CHANNELS } from './filter-values';
import type { SearchParams } from './period';

/** The dashboard's filters besides the period: one value each (absent: any). */
export interface DashboardFilters {
  /** The customer's organization (key accounts). */
  organizationId?: string;
  teamId?: string;
  assigneeId?: string;
  categoryId?: string;
  channel?: (typeof CHANNELS)[number];
  priority?: number;
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const s = single(v);
    return s === '' || s === undefined ? undefined : s;
  }, schema.optional());

export const dashboardFiltersSchema = z.object({
  organizationId: optional(z.uuid({ error: 'Choose an organization from the list.' })),
  teamId: optional(z.uuid({ error: 'Choose a team from the list.' })),
  assigneeId: optional(z.uuid({ error: 'Choose an agent from the list.' })),
  categoryId: optional(z.uuid({ error: 'Choose a category from the list.' })),
  channel: optional(z.enum(CHANNELS, { error: 'Choose a channel from the list.' })),
  priority: optional(z.coerce.number({ error: 'Choose a priority from P1 to P4.' }).int().min(1).max(4)),
});

/**
 * The URL's filters; a bad value is dropped (that filter reads "any") and named in `problem`, so a
 * mangled shared link shows a message, never an error page.
 */
export function parseDashboardFilters(params: SearchParams): { filters: DashboardFilters; problem: string | null } {
  const filters: DashboardFilters = {};
  const problems: string[] = [];
  for (const key of Object.keys(dashboardFiltersSchema.shape) as (keyof DashboardFilters)[]) {
    const parsed = dashboardFiltersSchema.shape[key].safeParse(params[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) (filters as Record<string, unknown>)[key] = parsed.data;
    } else problems.push(parsed.error.issues[0]?.message ?? `Bad ${key}.`);
  }
  return {
    filters,
    problem: problems.length > 0 ? `Some filters were ignored: ${problems.join(' ')}` : null,
  };
}
