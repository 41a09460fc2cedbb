import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories } from '@/db/schema';
import { fail } from '@/lib/core/result';

/**
 * The one owner of "which categories can be chosen": a retired category (categories.retired_at)
 * stays on the requests that have it and leaves every form. Forms list `listActiveCategories`;
 * use cases that set a category go through `categoryForUse`.
 */
export interface CategoryChoice {
  id: string;
  name: string;
  defaultTeamId: string | null;
}

export const RETIRED_CATEGORY = 'This category is retired. Choose another one.';

/** The categories a form offers, by name. */
export async function listActiveCategories(db: Db): Promise<CategoryChoice[]> {
  return db
    .select({ id: categories.id, name: categories.name, defaultTeamId: categories.defaultTeamId })
    .from(categories)
    .where(isNull(categories.retiredAt))
    .orderBy(asc(categories.name));
}

/**
 * Every category with its retired flag: for filters, since old requests keep a retired category
 * and must stay findable by it.
 */
export async function listAllCategories(db: Db): Promise<(CategoryChoice & { retired: boolean })[]> {
  const rows = await db
    .select({
      id: categories.id,
      name: categories.name,
      defaultTeamId: categories.defaultTeamId,
      retiredAt: categories.retiredAt,
    })
    .from(categories)
    .orderBy(asc(categories.name));
  return rows.map(({ retiredAt, ...c }) => ({ ...c, retired: retiredAt !== null }));
}

/**
 * The category a use case is about to set, refused with a field error when unknown or retired.
 * `current` is the category the request already has: keeping a retired one is not a change.
 */
export async function categoryForUse(
  tx: Db,
  id: string,
  { field = 'categoryId', current = null }: { field?: string; current?: string | null } = {},
): Promise<CategoryChoice> {
  const [category] = await tx
    .select({
      id: categories.id,
      name: categories.name,
      defaultTeamId: categories.defaultTeamId,
      retiredAt: categories.retiredAt,
    })
    .from(categories)
    .where(eq(categories.id, id));
  if (!category) fail('invalid', 'Choose a valid category.', { [field]: ['Choose a valid category.'] });
  if (category.retiredAt && category.id !== current) fail('invalid', RETIRED_CATEGORY, { [field]: [RETIRED_CATEGORY] });
  return { id: category.id, name: category.name, defaultTeamId: category.defaultTeamId };
}

/** An active category by id, or null (a macro whose category was retired since skips that step). */
export async function activeCategory(tx: Db, id: string): Promise<CategoryChoice | null> {
  const [category] = await tx
    .select({ id: categories.id, name: categories.name, defaultTeamId: categories.defaultTeamId })
    .from(categories)
    .where(and(eq(categories.id, id), isNull(categories.retiredAt)));
  return category ?? null;
}
