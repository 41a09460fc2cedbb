import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { categories, teams } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { optionalUuid, safeString, text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { changedFields, recordAudit } from './audit';

type Category = typeof categories.$inferSelect;

export const MAX_CATEGORY_NAME = 80;
export const MAX_CATEGORY_DESCRIPTION = 500;

const fields = {
  name: text('Name', MAX_CATEGORY_NAME),
  description: safeString()
    .trim()
    .max(MAX_CATEGORY_DESCRIPTION, `Description must be at most ${MAX_CATEGORY_DESCRIPTION} characters.`)
    .default(''),
  defaultTeamId: optionalUuid,
};
const createSchema = z.object(fields);
const updateSchema = z.object({ id: z.uuid('Category not found.'), ...fields });
const retireSchema = z.object({
  id: z.uuid('Category not found.'),
  retired: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

type Audited = { name: string; description: string; defaultTeamId: string | null; retired: boolean };
const audited = (c: Category): Audited => ({
  name: c.name,
  description: c.description,
  defaultTeamId: c.defaultTeamId,
  retired: c.retiredAt !== null,
});

/** Names are unique regardless of case: "Billing" and "billing" would read as one in every form. */
async function checkName(tx: Db, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(sql`lower(${categories.name}) = lower(${name})`, except ? ne(categories.id, except) : undefined));
  if (taken)
    fail('invalid', 'A category with this name exists already.', {
      name: ['A category with this name exists already.'],
    });
}

async function checkTeam(tx: Db, teamId: string | undefined): Promise<string | null> {
  if (!teamId) return null;
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) fail('invalid', 'Choose a valid team.', { defaultTeamId: ['Choose a valid team.'] });
  return team.id;
}

async function lockCategory(tx: Db, id: string): Promise<Category> {
  const [category] = await tx.select().from(categories).where(eq(categories.id, id)).for('update');
  if (!category) fail('not_found', 'Category not found.');
  return category;
}

/** A new category (admins): a unique name, a description, the team its requests go to. */
export function createCategory(db: Db, actor: Actor, raw: unknown): Promise<Result<Category>> {
  return runUseCase(db, createSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await checkName(tx, input.name);
    const defaultTeamId = await checkTeam(tx, input.defaultTeamId);
    const [category] = await tx
      .insert(categories)
      .values({ name: input.name, description: input.description, defaultTeamId })
      .onConflictDoNothing({ target: categories.name })
      .returning();
    if (!category)
      fail('invalid', 'A category with this name exists already.', {
        name: ['A category with this name exists already.'],
      });
    await recordAudit(tx, actor, {
      action: 'category.created',
      entityType: 'category',
      entityId: category.id,
      entityLabel: category.name,
      after: audited(category),
    });
    return category;
  });
}

/** Renames a category, or changes its description or default team (requests already routed stay). */
export function updateCategory(db: Db, actor: Actor, raw: unknown): Promise<Result<Category>> {
  return runUseCase(db, updateSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const category = await lockCategory(tx, input.id);
    await checkName(tx, input.name, category.id);
    const defaultTeamId = await checkTeam(tx, input.defaultTeamId);
    const [updated] = await tx
      .update(categories)
      .set({ name: input.name, description: input.description, defaultTeamId })
      .where(eq(categories.id, category.id))
      .returning();
    if (!updated) throw new Error('category update returned nothing');
    const changes = changedFields(audited(category), audited(updated));
    if (changes)
      await recordAudit(tx, actor, {
        action: category.name !== updated.name ? 'category.renamed' : 'category.updated',
        entityType: 'category',
        entityId: category.id,
        entityLabel: updated.name,
        ...changes,
      });
    return updated;
  });
}

/**
 * Retires a category (or brings it back). A retired category stays on the requests that have it
 * and leaves every form (lib/tickets/categories.ts owns that rule).
 */
export function setCategoryRetired(db: Db, actor: Actor, raw: unknown): Promise<Result<Category>> {
  return runUseCase(db, retireSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const category = await lockCategory(tx, input.id);
    if ((category.retiredAt !== null) === input.retired) return category;
    const [updated] = await tx
      .update(categories)
      .set({ retiredAt: input.retired ? new Date() : null })
      .where(eq(categories.id, category.id))
      .returning();
    if (!updated) throw new Error('category update returned nothing');
    await recordAudit(tx, actor, {
      action: input.retired ? 'category.retired' : 'category.restored',
      entityType: 'category',
      entityId: category.id,
      entityLabel: category.name,
      before: { retired: !input.retired },
      after: { retired: input.retired },
    });
    return updated;
  });
}

export interface AdminCategory {
  id: string;
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultTeamName: string | null;
  retiredAt: Date | null;
}

/** Every category for /admin/categories (staff read it; only admins change it): active first, then retired. */
export async function listCategoriesForAdmin(db: Db, actor: Actor): Promise<AdminCategory[]> {
  requirePermission(actor, 'ticket.work');
  return db
    .select({
      id: categories.id,
      name: categories.name,
      description: categories.description,
      defaultTeamId: categories.defaultTeamId,
      defaultTeamName: teams.name,
      retiredAt: categories.retiredAt,
    })
    .from(categories)
    .leftJoin(teams, eq(teams.id, categories.defaultTeamId))
    .orderBy(sql`${categories.retiredAt} is not null`, asc(categories.name));
}
