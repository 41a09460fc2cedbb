import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, organizations, teams, users } from '@/db/schema';
import type { BreakdownBy } from './rollup-read';

/** The row of a breakdown whose tickets have no value of its dimension. */
export const NO_NAME: Record<BreakdownBy, string> = {
  teamId: 'No team',
  categoryId: 'No category',
  assigneeId: 'Unassigned',
  channel: 'No channel',
  organizationId: 'No organization',
};

/**
 * The names of a dashboard dimension's values (teams, categories, organizations, agents by id; channels by
 * themselves, capitalised), in one query: every breakdown names its rows here.
 */
export async function namesOf(db: Db, by: BreakdownBy, ids: readonly string[]): Promise<Map<string, string>> {
  if (by === 'channel') return new Map(ids.map((c) => [c, c.charAt(0).toUpperCase() + c.slice(1)]));
  if (ids.length === 0) return new Map();
  const table =
    by === 'teamId' ? teams : by === 'categoryId' ? categories : by === 'organizationId' ? organizations : users;
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(inArray(table.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
