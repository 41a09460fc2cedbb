import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { appSettings, qaCriteria, type QaCriterion } from '@/db/schema';
import { changedFields, recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString, text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { getSettings } from '@/lib/settings/settings';

export const MAX_CRITERION_NAME = 60;
export const MAX_CRITERION_DESCRIPTION = 300;
export const MAX_SAMPLE_SIZE = 50;

const position = z.coerce
  .number({ error: 'Give the position as a whole number.' })
  .int('Give the position as a whole number.')
  .min(0, 'The position must be between 0 and 999.')
  .max(999, 'The position must be between 0 and 999.');
const description = safeString()
  .trim()
  .max(MAX_CRITERION_DESCRIPTION, `At most ${MAX_CRITERION_DESCRIPTION} characters.`)
  .optional()
  .transform((v) => v ?? '');
/** A checkbox as a form posts it ("on" or absent), or a boolean from a script. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const createSchema = z.object({
  name: text('Name', MAX_CRITERION_NAME),
  description,
  position: position.default(0),
});
const updateSchema = createSchema.extend({ id: z.uuid('Criterion not found.'), active: checkbox });
const sampleSizeSchema = z.object({
  sampleSize: z.coerce
    .number({ error: `Enter a whole number from 0 to ${MAX_SAMPLE_SIZE}.` })
    .int(`Enter a whole number from 0 to ${MAX_SAMPLE_SIZE}.`)
    .min(0, `Enter a whole number from 0 to ${MAX_SAMPLE_SIZE}.`)
    .max(MAX_SAMPLE_SIZE, `Enter a whole number from 0 to ${MAX_SAMPLE_SIZE}.`),
});

const TAKEN = 'A criterion with this name exists already.';

/** The rubric in form order: active first, then by position and name. Leads and admins. */
export async function listCriteria(db: Db, actor: Actor): Promise<QaCriterion[]> {
  requirePermission(actor, 'qa.read_own');
  return db
    .select()
    .from(qaCriteria)
    .orderBy(sql`${qaCriteria.active} desc`, asc(qaCriteria.position), asc(qaCriteria.name));
}

async function checkName(tx: Db, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: qaCriteria.id })
    .from(qaCriteria)
    .where(and(sql`lower(${qaCriteria.name}) = lower(${name})`, except ? ne(qaCriteria.id, except) : undefined));
  if (taken) fail('invalid', TAKEN, { name: [TAKEN] });
}

/** A new rubric criterion (admins), audited `qa_criterion.created`. */
export function createCriterion(db: Db, actor: Actor, raw: unknown): Promise<Result<QaCriterion>> {
  return runUseCase(db, createSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await checkName(tx, input.name);
    const [criterion] = await tx.insert(qaCriteria).values(input).onConflictDoNothing().returning();
    if (!criterion) fail('invalid', TAKEN, { name: [TAKEN] });
    await recordAudit(tx, actor, {
      action: 'qa_criterion.created',
      entityType: 'qa_criterion',
      entityId: criterion.id,
      entityLabel: criterion.name,
      after: { name: criterion.name, description: criterion.description, position: criterion.position },
    });
    return criterion;
  });
}

/**
 * Renames, describes, moves or (de)activates a criterion (admins), audited `qa_criterion.changed`
 * with the fields that changed. Reviews already given keep their scores for it.
 */
export function updateCriterion(db: Db, actor: Actor, raw: unknown): Promise<Result<QaCriterion>> {
  return runUseCase(db, updateSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [before] = await tx.select().from(qaCriteria).where(eq(qaCriteria.id, input.id)).for('update');
    if (!before) fail('not_found', 'Criterion not found.');
    await checkName(tx, input.name, before.id);
    const next = { name: input.name, description: input.description, position: input.position, active: input.active };
    const changes = changedFields(
      { name: before.name, description: before.description, position: before.position, active: before.active },
      next,
    );
    if (!changes) return before;
    const [criterion] = await tx.update(qaCriteria).set(next).where(eq(qaCriteria.id, before.id)).returning();
    if (!criterion) fail('not_found', 'Criterion not found.');
    await recordAudit(tx, actor, {
      action: 'qa_criterion.changed',
      entityType: 'qa_criterion',
      entityId: criterion.id,
      entityLabel: criterion.name,
      ...changes,
    });
    return criterion;
  });
}

/** The weekly sample size per agent (the `qa` setting; admins), audited `setting.changed`. */
export function updateSampleSize(db: Db, actor: Actor, raw: unknown): Promise<Result<{ sampleSize: number }>> {
  return runUseCase(db, sampleSizeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const before = (await getSettings(tx)).qa;
    const value = { sampleSize: input.sampleSize };
    const changes = changedFields(before, value);
    if (!changes) return value;
    await tx
      .insert(appSettings)
      .values({ key: 'qa', value, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy: actor.userId, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: 'setting.changed',
      entityType: 'setting',
      entityId: 'qa',
      entityLabel: 'Quality review sample',
      ...changes,
    });
    return value;
  });
}
