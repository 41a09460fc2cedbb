import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizationAliases, organizations } from '@/db/schema';
import { isForeignKeyViolation } from '@/lib/core/db-errors';
import { fail } from '@/lib/core/result';

/** What a customer save answers when the organization kept changing under it (merged, deleted). */
const organizationMoved = (name: string): never =>
  fail('conflict', `The organization ${name} was changed (merged or deleted) while saving; try again.`, {
    organization: [`${name} was just merged or deleted; check the organization and save again.`],
  });

/**
 * For a customer write's `.catch`: the organization it names was removed after all (the holds
 * below make this unreachable through organizationIdByName; a defence, so it is a 409 on the
 * field and the whole save rolls back, never a 500).
 */
export const organizationGone =
  (name: string | null | undefined) =>
  (error: unknown): never => {
    if (isForeignKeyViolation(error)) return organizationMoved(name ?? 'The organization');
    throw error;
  };

/**
 * The organization with this name — or the one it was merged into — created when new: how the
 * customer form and the API's customers name one. Used inside the saving transaction, and the
 * organization found is held (FOR KEY SHARE) until it commits, so a concurrent delete or merge
 * either finishes first (and this sees the result) or waits for this save: the customer row's
 * foreign key can never point at a removed organization (no 23503), and a merged name is never
 * created again (the merge left an alias, organization_aliases).
 *
 * An INSERT of a name whose previous holder a merge is removing waits for that merge; when it then
 * succeeds, the merge has committed its alias too, so the fresh row is taken back and the alias
 * followed. A few rounds settle any interleaving; past them the save is a 409 on the field.
 */
export async function organizationIdByName(tx: Db, name: string | null | undefined): Promise<string | null> {
  if (!name) return null;
  for (let round = 0; round < 3; round++) {
    const [held] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, name))
      .for('key share');
    if (held) return held.id;
    const [target] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        eq(
          organizations.id,
          sql`(select ${organizationAliases.organizationId} from ${organizationAliases} where ${organizationAliases.name} = ${name})`,
        ),
      )
      .for('key share');
    if (target) return target.id;
    const [created] = await tx
      .insert(organizations)
      .values({ name })
      .onConflictDoNothing({ target: organizations.name })
      .returning({ id: organizations.id });
    if (!created) continue; // another save created it meanwhile: hold theirs
    const [merged] = await tx
      .select({ name: organizationAliases.name })
      .from(organizationAliases)
      .where(eq(organizationAliases.name, name));
    if (!merged) return created.id;
    await tx.delete(organizations).where(eq(organizations.id, created.id));
  }
  return organizationMoved(name);
}

/**
 * Many names at once (an import's batch of customers): each to its organization or the one it was
 * merged into, held like above; names that exist nowhere are left out (the import created its
 * organizations first).
 */
export async function organizationIdsByNames(tx: Db, names: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const held = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.name, [...names]))
    .for('key share');
  for (const o of held) out.set(o.name, o.id);
  const rest = names.filter((n) => !out.has(n));
  if (rest.length === 0) return out;
  const aliases = await tx
    .select({ name: organizationAliases.name, id: organizationAliases.organizationId })
    .from(organizationAliases)
    .where(inArray(organizationAliases.name, rest));
  if (aliases.length === 0) return out;
  const targets = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      inArray(
        organizations.id,
        aliases.map((a) => a.id),
      ),
    )
    .for('key share');
  const live = new Set(targets.map((t) => t.id));
  for (const a of aliases) if (live.has(a.id)) out.set(a.name, a.id);
  return out;
}
