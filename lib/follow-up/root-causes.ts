import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/lib/core/db-errors';
import { rootCauses, type RootCause } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { isStaff } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';

export const MAX_ROOT_CAUSE_NAME = 80;

const sort = z.coerce
  .number({ error: 'Give the position as a whole number.' })
  .int('Give the position as a whole number.')
  .min(0, 'The position must be between 0 and 999.')
  .max(999, 'The position must be between 0 and 999.');
const createSchema = z.object({ name: text('Name', MAX_ROOT_CAUSE_NAME), sort: sort.default(0) });
const renameSchema = z.object({ id: z.uuid('Root cause not found.'), name: text('Name', MAX_ROOT_CAUSE_NAME), sort });
const retireSchema = z.object({
  id: z.uuid('Root cause not found.'),
  retired: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

const TAKEN = 'A root cause with this name exists already.';

/** Unique regardless of case ("Policy" and "policy" would read as one in the lead's select). */
async function checkName(tx: Db, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: rootCauses.id })
    .from(rootCauses)
    .where(and(sql`lower(${rootCauses.name}) = lower(${name})`, except ? ne(rootCauses.id, except) : undefined));
  if (taken) fail('invalid', TAKEN, { name: [TAKEN] });
}

async function lockRootCause(tx: Db, id: string): Promise<RootCause> {
  const [cause] = await tx.select().from(rootCauses).where(eq(rootCauses.id, id)).for('update');
  if (!cause) fail('not_found', 'Root cause not found.');
  return cause;
}

/** A new root cause (admins), audited `root_cause.created`. */
export function createRootCause(db: Db, actor: Actor, raw: unknown): Promise<Result<RootCause>> {
  return runUseCase(db, createSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await checkName(tx, input.name);
    const [cause] = await tx
      .insert(rootCauses)
      .values({ name: input.name, sort: input.sort })
      .onConflictDoNothing()
      .returning();
    if (!cause) fail('invalid', TAKEN, { name: [TAKEN] });
    await recordAudit(tx, actor, {
      action: 'root_cause.created',
      entityType: 'root_cause',
      entityId: cause.id,
      entityLabel: cause.name,
      after: { name: cause.name, sort: cause.sort },
    });
    return cause;
  });
}

/**
 * Renames a root cause or moves it in the list (admins). Follow-ups already recorded with it show
 * the new name: a rename corrects the wording, it does not change what was meant.
 */
export function renameRootCause(db: Db, actor: Actor, raw: unknown): Promise<Result<RootCause>> {
  return runUseCase(db, renameSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const cause = await lockRootCause(tx, input.id);
    await checkName(tx, input.name, cause.id);
    // Another admin may take the name between the check and here: the unique violation, inside a
    // savepoint, becomes the field message.
    let updated: RootCause | undefined;
    try {
      [updated] = await tx.transaction((sp) =>
        sp
          .update(rootCauses)
          .set({ name: input.name, sort: input.sort })
          .where(eq(rootCauses.id, cause.id))
          .returning(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) fail('invalid', TAKEN, { name: [TAKEN] });
      throw error;
    }
    if (!updated) throw new Error('root cause update returned nothing');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (cause.name !== updated.name) [before.name, after.name] = [cause.name, updated.name];
    if (cause.sort !== updated.sort) [before.sort, after.sort] = [cause.sort, updated.sort];
    if (Object.keys(after).length > 0)
      await recordAudit(tx, actor, {
        action: 'name' in after ? 'root_cause.renamed' : 'root_cause.updated',
        entityType: 'root_cause',
        entityId: cause.id,
        entityLabel: updated.name,
        before,
        after,
      });
    return updated;
  });
}

/** Retires a root cause (or brings it back): it stays on recorded follow-ups and leaves the select. */
export function setRootCauseRetired(db: Db, actor: Actor, raw: unknown): Promise<Result<RootCause>> {
  return runUseCase(db, retireSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const cause = await lockRootCause(tx, input.id);
    if ((cause.retiredAt !== null) === input.retired) return cause;
    const [updated] = await tx
      .update(rootCauses)
      .set({ retiredAt: input.retired ? new Date() : null })
      .where(eq(rootCauses.id, cause.id))
      .returning();
    if (!updated) throw new Error('root cause update returned nothing');
    await recordAudit(tx, actor, {
      action: input.retired ? 'root_cause.retired' : 'root_cause.restored',
      entityType: 'root_cause',
      entityId: cause.id,
      entityLabel: cause.name,
      before: { retired: !input.retired },
      after: { retired: input.retired },
    });
    return updated;
  });
}

/** Every root cause (admin page; leads read it): active first, by position then name. */
export async function listRootCauses(db: Db, actor: Actor): Promise<RootCause[]> {
  if (!isStaff(actor)) fail('not_found', 'Page not found.');
  requirePermission(actor, 'follow_up.detractors');
  return db
    .select()
    .from(rootCauses)
    .orderBy(sql`${rootCauses.retiredAt} is not null`, asc(rootCauses.sort), asc(rootCauses.name));
}

/** The choices of the detractor outcome form: active causes only. */
export async function listActiveRootCauses(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: rootCauses.id, name: rootCauses.name })
    .from(rootCauses)
    .where(isNull(rootCauses.retiredAt))
    .orderBy(asc(rootCauses.sort), asc(rootCauses.name));
}
