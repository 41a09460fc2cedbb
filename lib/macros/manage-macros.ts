import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { categories, macros, users, type Macro } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit, changedFields } from '@/lib/admin/audit';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { categoryForUse } from '@/lib/tickets/categories';
import { createMacro, macroSchema } from './macros';

/**
 * Who may change a macro: its owner (an agent's personal macros, a lead's shared ones), and an
 * admin any shared macro (/admin/macros). Someone else's personal macro is not found, a shared
 * macro one may use but not change is forbidden. Changes to shared macros are admin changes and
 * go into the audit log; personal ones are the agent's own business.
 */
async function lockManageable(tx: Db, actor: Actor, id: string): Promise<Macro> {
  requirePermission(actor, 'ticket.work');
  const [macro] = await tx.select().from(macros).where(eq(macros.id, id)).for('update');
  if (!macro || (macro.scope === 'personal' && macro.ownerId !== actor.userId)) fail('not_found', 'Macro not found.');
  if (macro.ownerId !== actor.userId && actor.role !== 'admin') fail('forbidden', 'Only admins change shared macros.');
  return macro;
}

const idSchema = z.object({ id: z.uuid('Macro not found.') });
const updateSchema = macroSchema.omit({ scope: true }).extend(idSchema.shape);

const auditFields = (m: Pick<Macro, 'title' | 'body' | 'setStatus' | 'setPriority' | 'setCategoryId'>) => ({
  title: m.title,
  body: m.body,
  setStatus: m.setStatus,
  setPriority: m.setPriority,
  setCategoryId: m.setCategoryId,
});

/** Creates a shared macro from /admin/macros (admins), with its audit row. */
export function createSharedMacro(db: Db, actor: Actor, raw: unknown): Promise<Result<Macro>> {
  const input = raw && typeof raw === 'object' ? { ...raw, scope: 'shared' } : raw;
  if (actor.role !== 'admin') return Promise.resolve({ ok: false, code: 'not_found', message: 'Not found.' });
  return createMacro(db, actor, input, async (tx, macro) => {
    await recordAudit(tx, actor, {
      action: 'macro.created',
      entityType: 'macro',
      entityId: macro.id,
      entityLabel: macro.title,
      after: auditFields(macro),
    });
  });
}

/** Edits a macro's title, text and the fields it sets; its scope and owner stay. */
export function updateMacro(db: Db, actor: Actor, raw: unknown): Promise<Result<Macro>> {
  return runUseCase(db, updateSchema, raw, async (tx, input) => {
    const macro = await lockManageable(tx, actor, input.id);
    if (input.setCategoryId)
      await categoryForUse(tx, input.setCategoryId, { field: 'setCategoryId', current: macro.setCategoryId });
    const [updated] = await tx
      .update(macros)
      .set({
        title: input.title,
        body: input.body,
        setStatus: input.setStatus,
        setPriority: input.setPriority,
        setCategoryId: input.setCategoryId,
      })
      .where(eq(macros.id, macro.id))
      .returning();
    if (!updated) throw new Error('macro update returned nothing');
    const changes = changedFields(auditFields(macro), auditFields(updated));
    if (macro.scope === 'shared' && changes)
      await recordAudit(tx, actor, {
        action: 'macro.updated',
        entityType: 'macro',
        entityId: macro.id,
        entityLabel: updated.title,
        ...changes,
      });
    return updated;
  });
}

/** Deletes a macro. Nothing refers to a macro (applying one copies its text), so it simply goes. */
export function deleteMacro(db: Db, actor: Actor, raw: unknown): Promise<Result<{ title: string }>> {
  return runUseCase(db, idSchema, raw, async (tx, input) => {
    const macro = await lockManageable(tx, actor, input.id);
    await tx.delete(macros).where(eq(macros.id, macro.id));
    if (macro.scope === 'shared')
      await recordAudit(tx, actor, {
        action: 'macro.deleted',
        entityType: 'macro',
        entityId: macro.id,
        entityLabel: macro.title,
        before: auditFields(macro),
      });
    return { title: macro.title };
  });
}

export interface ManagedMacro extends Pick<
  Macro,
  'id' | 'title' | 'body' | 'scope' | 'setStatus' | 'setPriority' | 'setCategoryId'
> {
  ownerName: string;
  categoryName: string | null;
}

/** The macros a page manages: every shared one (/admin/macros) or the actor's personal ones. */
export async function listManagedMacros(db: Db, actor: Actor, scope: 'shared' | 'personal'): Promise<ManagedMacro[]> {
  requirePermission(actor, 'ticket.work');
  return db
    .select({
      id: macros.id,
      title: macros.title,
      body: macros.body,
      scope: macros.scope,
      setStatus: macros.setStatus,
      setPriority: macros.setPriority,
      setCategoryId: macros.setCategoryId,
      ownerName: users.name,
      categoryName: categories.name,
    })
    .from(macros)
    .innerJoin(users, eq(users.id, macros.ownerId))
    .leftJoin(categories, eq(categories.id, macros.setCategoryId))
    .where(
      scope === 'shared'
        ? eq(macros.scope, 'shared')
        : and(eq(macros.scope, 'personal'), eq(macros.ownerId, actor.userId)),
    )
    .orderBy(asc(macros.title));
}
