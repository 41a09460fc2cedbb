import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { Random } from '../random';
import { BROWSERS, CARRIERS, CATEGORY_SCRIPTS, DEVICES, fill, PRODUCTS, type IssueScript } from '../templates';

/** One filled-in issue script; `{order}`, `{amount}` and `{invoice}` are filled per ticket in SQL. */
export type IssueVariant = IssueScript & { category: number };

export interface Catalog {
  variants: IssueVariant[];
  /** Variant indexes (1-based) repeated in proportion to their category's weight: a uniform pick is a weighted one. */
  variantSlots: number[];
  categories: { id: string; team: number; name: string }[];
  /** Active agents per team (1-based team index), with their first names for sign-offs. */
  teams: { id: string; members: { id: string; firstName: string }[] }[];
}

const VARIANTS_PER_ISSUE = 3;
const SLOTS = 2000;
const VARIANT_SEED = 0xb01_c001;

/**
 * The issue scripts of the demo seed, each filled with a few different products, carriers and
 * devices, joined with the categories, teams and agents that seedDemo has just created.
 */
export async function loadCatalog(db: Db): Promise<Catalog> {
  const teamRows = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select id, name from teams order by name`),
  );
  const memberRows = rowsOf<{ team_id: string; user_id: string; name: string }>(
    await db.execute(
      sql`select m.team_id, m.user_id, u.name from team_members m join users u on u.id = m.user_id where u.active and u.role = 'agent' order by u.email`,
    ),
  );
  const categoryRows = rowsOf<{ id: string; name: string; default_team_id: string | null }>(
    await db.execute(sql`select id, name, default_team_id from categories`),
  );

  const teams = teamRows.map((t) => ({
    id: t.id,
    members: memberRows
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ id: m.user_id, firstName: m.name.split(' ')[0] ?? m.name })),
  }));
  const empty = teams.find((t) => t.members.length === 0);
  if (empty) throw new Error(`team ${empty.id} has no agents: the bulk seed assigns tickets to team members`);

  const rng = new Random(VARIANT_SEED);
  const variants: IssueVariant[] = [];
  const categories: Catalog['categories'] = [];
  const weights: number[] = [];
  for (const script of CATEGORY_SCRIPTS) {
    const row = categoryRows.find((c) => c.name === script.name);
    const team = teams.findIndex((t) => t.id === row?.default_team_id);
    if (!row || team < 0) throw new Error(`category "${script.name}" is missing: run seedDemo first`);
    categories.push({ id: row.id, team: team + 1, name: script.name });
    for (const issue of script.issues) {
      for (let k = 0; k < VARIANTS_PER_ISSUE; k++) {
        const vars = {
          product: rng.pick(PRODUCTS),
          carrier: rng.pick(CARRIERS),
          browser: rng.pick(BROWSERS),
          device: rng.pick(DEVICES),
          bug: String(rng.int(1000, 4999)),
        };
        const filled = Object.fromEntries(
          Object.entries(issue).map(([key, text]) => [key, fill(text, vars)]),
        ) as unknown as IssueScript;
        variants.push({ ...filled, category: categories.length });
        weights.push(script.weight / (script.issues.length * VARIANTS_PER_ISSUE));
      }
    }
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const variantSlots = weights.flatMap((w, i) =>
    Array<number>(Math.max(1, Math.round((w / total) * SLOTS))).fill(i + 1),
  );
  return { variants, variantSlots, categories, teams };
}
