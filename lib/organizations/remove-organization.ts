import { and, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, importKeys, organizationAliases, organizations, slaPolicies, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';
import { recomputeSlaJob } from '@/lib/sla/recompute';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { mergeOrganizationsSchema, organizationIdSchema } from './schemas';

async function lockOrganization(tx: Db, id: string, what = 'Organization not found.') {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
  if (!row) fail('not_found', what);
  return row;
}

/** Routing rules whose conditions name the organization. */
async function rulesNaming(tx: Db, id: string): Promise<{ id: string; name: string }[]> {
  return rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`select id, name from routing_rules where conditions->'organizationIds' ? ${id}::text`),
  );
}

/**
 * Deletes an organization nobody belongs to (admins). Decision (docs/api.md): customers are never
 * detached silently — while any belongs to it, or a routing rule names it, the answer is 409 and
 * the admin moves them (or merges the organization into another). Its own SLA policies go with it
 * (they apply to nobody else); the import's record of it is forgotten.
 *
 * Open requests can still be measured against those policies (a former member's, moved out while
 * the recompute job had not reached it, or a save that read the policy just before). They are
 * re-pointed in the same transaction, through the recompute job's own path, so no open request
 * ever names a policy that no longer exists; deleting is not refused for it, because the admin
 * cannot fix it by hand and the right answer (what applies now) is not a choice. Resolved and
 * closed ones keep the policy id they were judged against (history, never re-judged).
 */
export function deleteOrganization(db: Db, actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  return runUseCase(db, organizationIdSchema, raw, async (tx, { organizationId }) => {
    requirePermission(actor, 'admin');
    const org = await lockOrganization(tx, organizationId);
    const [members] = await tx.select({ n: count() }).from(customers).where(eq(customers.organizationId, org.id));
    const blocking: Record<string, string[]> = {};
    const n = Number(members?.n ?? 0);
    if (n > 0)
      blocking.customers = [
        `${n} customer${n === 1 ? '' : 's'} still belong${n === 1 ? 's' : ''} to it: move them, or merge it into another organization.`,
      ];
    const rules = await rulesNaming(tx, org.id);
    if (rules.length > 0)
      blocking.routingRules = [`Routing rules name it: ${rules.map((r) => r.name).join(', ')}. Change them first.`];
    if (Object.keys(blocking).length > 0)
      fail('conflict', `${org.name} is still in use and was not deleted.`, blocking);

    const policies = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.organizationId, org.id));

    await tx.delete(importKeys).where(and(eq(importKeys.kind, 'organization'), eq(importKeys.entityId, org.id)));
    await tx.delete(organizations).where(eq(organizations.id, org.id)); // its SLA policies cascade
    // Now that its policies are gone, targetsFor picks what applies instead (rows another save
    // holds are retried by a follow-up job, as for any policy change).
    if (policies.length > 0) {
      const measured = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(
          and(
            inArray(
              tickets.slaPolicyId,
              policies.map((p) => p.id),
            ),
            // The open ones, through the open-status partial indexes (the backlog, not every request).
            inArray(tickets.status, [...ACTIVE_STATUSES]),
          ),
        );
      if (measured.length > 0) await recomputeSlaJob(tx, { ticketIds: measured.map((t) => t.id) });
    }
    await recordAudit(tx, actor, {
      action: 'organization.deleted',
      entityType: 'organization',
      entityId: org.id,
      entityLabel: org.name,
      before: { name: org.name, domain: org.domain },
    });
    return { id: org.id };
  });
}

/**
 * Merges a duplicate organization into another (admins): its customers move to the target,
 * routing rules that named it name the target, its SLA policies become the target's (where the
 * target already has an active one for the same priority and category, the target's stays and
 * the duplicate's is switched off), the import's record points at the target, its name becomes an
 * alias of the target, and it is removed.
 * The moved customers' open requests get the target's due times (the recompute job).
 */
export function mergeOrganizations(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ organizationId: string; movedCustomers: number }>> {
  return runUseCase(db, mergeOrganizationsSchema, raw, async (tx, { organizationId, into }) => {
    requirePermission(actor, 'admin');
    if (organizationId === into)
      fail('invalid', 'An organization cannot be merged into itself.', {
        into: ['Choose another organization.'],
      });
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [organizationId, into].sort();
    const locked = new Map(
      [await lockOrganization(tx, first!), await lockOrganization(tx, second!)].map((o) => [o.id, o]),
    );
    const source = locked.get(organizationId)!;
    const target = locked.get(into)!;

    const moved = await tx
      .update(customers)
      .set({ organizationId: target.id, version: sql`${customers.version} + 1` })
      .where(eq(customers.organizationId, source.id))
      .returning({ id: customers.id });

    await tx.execute(sql`
      update routing_rules
         set conditions = jsonb_set(conditions, '{organizationIds}', (
               select coalesce(jsonb_agg(distinct case when v = ${source.id}::text then ${target.id}::text else v end), '[]'::jsonb)
                 from jsonb_array_elements_text(conditions->'organizationIds') as v))
       where conditions->'organizationIds' ? ${source.id}::text`);

    // The target's terms win where both have an active policy for the same scope.
    await tx.execute(sql`
      update sla_policies s set active = false, updated_at = now()
       where s.organization_id = ${source.id}::uuid and s.active
         and exists (select 1 from sla_policies t
                      where t.organization_id = ${target.id}::uuid and t.active
                        and t.priority = s.priority
                        and t.category_id is not distinct from s.category_id)`);
    await tx
      .update(slaPolicies)
      .set({ organizationId: target.id, updatedAt: new Date() })
      .where(eq(slaPolicies.organizationId, source.id));

    await tx
      .update(importKeys)
      .set({ entityId: target.id })
      .where(and(eq(importKeys.kind, 'organization'), eq(importKeys.entityId, source.id)));
    // Its name (and the names merged into it before) now lead to the target: a customer save or
    // an import naming the duplicate finds the target instead of creating it again, also one that
    // raced this merge (organization-by-name.ts).
    await tx
      .update(organizationAliases)
      .set({ organizationId: target.id })
      .where(eq(organizationAliases.organizationId, source.id));
    await tx
      .insert(organizationAliases)
      .values({ name: source.name, organizationId: target.id })
      .onConflictDoUpdate({ target: organizationAliases.name, set: { organizationId: target.id } });
    await tx.delete(organizations).where(eq(organizations.id, source.id));

    if (moved.length > 0) {
      const open = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(
          and(
            inArray(
              tickets.customerId,
              moved.map((c) => c.id),
            ),
            notInArray(tickets.status, ['resolved', 'closed']),
          ),
        );
      if (open.length > 0) await enqueue(tx, 'sla.recompute', { ticketIds: open.map((t) => t.id) });
      // The dashboard's rollups key a request by its customer's organization: moving the customers
      // marked every day of their requests dirty (trigger customers_rollup_update, this
      // transaction), so the rollup job files those days under the target, summed with its own.
      // Run it now rather than at the next minute, so the key-accounts table does not show the
      // removed duplicate as a row of its own (unnamed) meanwhile.
      await enqueue(tx, 'metrics.rollup', {});
    }
    await recordAudit(tx, actor, {
      action: 'organization.merged',
      entityType: 'organization',
      entityId: target.id,
      entityLabel: target.name,
      before: { merged: source.name, mergedId: source.id },
      after: { movedCustomers: moved.length },
    });
    return { organizationId: target.id, movedCustomers: moved.length };
  });
}
