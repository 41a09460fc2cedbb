import { isUniqueViolation } from '@/lib/core/db-errors';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { changedFields, recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import type { OrganizationRow } from './read-organizations';
import { createOrganizationSchema, updateOrganizationSchema } from './schemas';

const returned = {
  id: organizations.id,
  name: organizations.name,
  domain: organizations.domain,
  createdAt: organizations.createdAt,
};

const nameTaken = (): never =>
  fail('conflict', 'Another organization has this name.', {
    name: ['Another organization has this name; merge the two instead.'],
  });

/**
 * Staff who edit customers create organizations (the customer form already creates one by
 * name); the name is unique (409 with a field error).
 */
export function createOrganization(db: Db, actor: Actor, raw: unknown): Promise<Result<OrganizationRow>> {
  return runUseCase(db, createOrganizationSchema, raw, async (tx, input) => {
    requirePermission(actor, 'customer.read');
    const [row] = await tx
      .insert(organizations)
      .values({ name: input.name, domain: input.domain })
      .onConflictDoNothing({ target: organizations.name })
      .returning(returned);
    if (!row) return nameTaken();
    await recordAudit(tx, actor, {
      action: 'organization.created',
      entityType: 'organization',
      entityId: row.id,
      entityLabel: row.name,
      after: { name: row.name, domain: row.domain },
    });
    return row;
  });
}

/**
 * Renames an organization or sets its domain. Organizations have no version: two fields, each
 * save replaces both, and the audit log keeps what each save changed (docs/api.md).
 */
export function updateOrganization(db: Db, actor: Actor, raw: unknown): Promise<Result<OrganizationRow>> {
  return runUseCase(db, updateOrganizationSchema, raw, async (tx, input) => {
    requirePermission(actor, 'customer.read');
    const [current] = await tx
      .select(returned)
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for('update');
    if (!current) fail('not_found', 'Organization not found.');
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, input.name), ne(organizations.id, current.id)));
    if (taken) return nameTaken();
    const [row] = await tx
      .update(organizations)
      .set({ name: input.name, domain: input.domain })
      .where(eq(organizations.id, current.id))
      .returning(returned)
      // Two renames to one name at once: the check above passed for both; the unique index decides.
      .catch((error: unknown) => (isUniqueViolation(error) ? nameTaken() : Promise.reject(error)));
    if (!row) throw new Error('organization update returned nothing');
    const changed = changedFields(
      { name: current.name, domain: current.domain },
      { name: row.name, domain: row.domain },
    );
    if (changed)
      await recordAudit(tx, actor, {
        action: 'organization.updated',
        entityType: 'organization',
        entityId: row.id,
        entityLabel: row.name,
        ...changed,
      });
    return row;
  });
}
