import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teams, tickets, users, type User } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { endAllSessions } from '@/lib/auth/sessions';
import { optionalUuid } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { bulkUpdate, MAX_BULK, type BulkOutcome } from '@/lib/pipeline/bulk-update';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { recordAudit } from './audit';
import { lastAdminRefusal, NOT_YOURSELF, STAFF_ROLES } from './people-rules';

const userIdField = z.uuid('Unknown person.');
type Person = Pick<User, 'id' | 'name' | 'email' | 'role' | 'active'>;

const label = (p: Person) => `${p.name} <${p.email}>`;

/** The person, locked for the change. */
async function lockPerson(tx: Db, id: string): Promise<Person> {
  const [person] = await tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .for('update');
  if (!person) fail('not_found', 'That person was not found.');
  return person;
}

/**
 * The active admins, locked (in id order) before the person's own row. Every change that could
 * take an admin away locks here first, so two admins demoting or deactivating each other at the
 * same moment serialise and the second counts after the first's change.
 */
async function lockActiveAdmins(tx: Db): Promise<string[]> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for('update');
  return admins.map((a) => a.id);
}

function guardLastAdmin(admins: string[], person: Person, change: { role?: User['role']; active?: boolean }) {
  const refusal = lastAdminRefusal(admins, person, change);
  if (refusal) fail('conflict', refusal, change.role ? { role: [refusal] } : undefined);
}

const changeRoleSchema = z.object({ userId: userIdField, role: z.enum(STAFF_ROLES, { error: 'Choose a role.' }) });

/** An admin gives a member of staff another role. The last active admin keeps theirs. */
export function changeRole(db: Db, actor: Actor, raw: unknown): Promise<Result<{ name: string; role: string }>> {
  return runUseCase(db, changeRoleSchema, raw, async (tx, { userId, role }) => {
    requirePermission(actor, 'admin');
    const admins = role === 'admin' ? [] : await lockActiveAdmins(tx);
    const person = await lockPerson(tx, userId);
    if (person.role === 'customer')
      fail('invalid', 'A portal login is a customer; invite staff instead.', {
        role: ['Portal logins keep their role.'],
      });
    if (person.role === role) return { name: person.name, role };
    guardLastAdmin(admins, person, { role });
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    // A team's lead is a lead or an admin (lib/admin/teams.ts): an agent leads nothing.
    if (role === 'agent') await stepDownAsLead(tx, actor, userId, person.name);
    await recordAudit(tx, actor, {
      action: 'user.role_changed',
      entityType: 'user',
      entityId: userId,
      entityLabel: label(person),
      before: { role: person.role },
      after: { role },
    });
    return { name: person.name, role };
  });
}

/** The teams this person leads lose their lead (audited per team): who leads is chosen again on the team's page. */
async function stepDownAsLead(tx: Db, actor: Actor, userId: string, userName: string): Promise<void> {
  const led = await tx
    .update(teams)
    .set({ leadId: null })
    .where(eq(teams.leadId, userId))
    .returning({ id: teams.id, name: teams.name });
  for (const team of led)
    await recordAudit(tx, actor, {
      action: 'team.lead_changed',
      entityType: 'team',
      entityId: team.id,
      entityLabel: team.name,
      before: { lead: userName },
      after: { lead: null },
    });
}

const personSchema = z.object({ userId: userIdField });

/**
 * Deactivation: the person can no longer sign in and every session of theirs ends now (getActor
 * checks the session row and `active` on every request). Their open requests stay assigned and
 * are listed on their page for reassignment. The last active admin cannot be deactivated, and
 * nobody deactivates themselves.
 */
export function deactivatePerson(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ name: string; endedSessions: number }>> {
  return runUseCase(db, personSchema, raw, async (tx, { userId }) => {
    requirePermission(actor, 'admin');
    if (userId === actor.userId) fail('forbidden', NOT_YOURSELF);
    const admins = await lockActiveAdmins(tx);
    const person = await lockPerson(tx, userId);
    if (!person.active) fail('conflict', `${person.name} is already deactivated.`);
    guardLastAdmin(admins, person, { active: false });
    await tx.update(users).set({ active: false }).where(eq(users.id, userId));
    const endedSessions = await endAllSessions(tx, userId);
    await stepDownAsLead(tx, actor, userId, person.name);
    await recordAudit(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      entityLabel: label(person),
      before: { active: true },
      after: { active: false },
    });
    return { name: person.name, endedSessions };
  });
}

/** Reactivation: the person may sign in again (with their old password); nothing else changes. */
export function reactivatePerson(db: Db, actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return runUseCase(db, personSchema, raw, async (tx, { userId }) => {
    requirePermission(actor, 'admin');
    const person = await lockPerson(tx, userId);
    if (person.active) fail('conflict', `${person.name} is already active.`);
    await tx.update(users).set({ active: true }).where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      action: 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      entityLabel: label(person),
      before: { active: false },
      after: { active: true },
    });
    return { name: person.name };
  });
}

const reassignSchema = z.object({ userId: userIdField, assigneeId: optionalUuid });

export interface ReassignOutcome extends BulkOutcome {
  /** Open requests beyond this batch (a bulk change takes MAX_BULK at a time). */
  remaining: number;
}

/**
 * Moves a person's open requests (not resolved or closed) to another active agent, or leaves them
 * unassigned, through the bulk change use case — so the save path's rules hold (the new assignee
 * must be in each request's team; a refused request is reported and keeps its assignee).
 */
export function reassignOpenTickets(db: Db, actor: Actor, raw: unknown): Promise<Result<ReassignOutcome>> {
  return runUseCase(db, reassignSchema, raw, async (tx, { userId, assigneeId }) => {
    requirePermission(actor, 'admin');
    const [person] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, userId));
    if (!person) fail('not_found', 'That person was not found.');
    if (assigneeId === userId)
      fail('invalid', 'Choose someone else.', { assigneeId: ['Choose someone else, or leave unassigned.'] });
    let assignee: { name: string } | undefined;
    if (assigneeId) {
      [assignee] = await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.id, assigneeId), eq(users.active, true), inArray(users.role, [...STAFF_ROLES])));
      if (!assignee)
        fail('invalid', 'Choose an active member of staff.', { assigneeId: ['Choose an active member of staff.'] });
    }
    const open = await tx
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.assigneeId, userId), inArray(tickets.status, [...ACTIVE_STATUSES])))
      .orderBy(asc(tickets.number));
    if (open.length === 0) fail('conflict', `${person.name} has no open requests.`);
    const batch = open.slice(0, MAX_BULK).map((t) => t.number);
    // A nested transaction (a savepoint): the bulk change's own frame, inside this one.
    const result = await bulkUpdate(tx, actor, {
      numbers: batch,
      change: { kind: 'assign', assigneeId: assigneeId ?? null },
    });
    if (!result.ok) fail(result.code, result.message, result.fieldErrors);
    const outcome = result.data;
    if (outcome.changed.length > 0)
      await recordAudit(tx, actor, {
        action: 'user.tickets_reassigned',
        entityType: 'user',
        entityId: userId,
        entityLabel: label(person),
        before: { assignee: person.name },
        after: { assignee: assignee?.name ?? 'unassigned', tickets: outcome.changed.map((n) => `#${n}`) },
      });
    return { ...outcome, remaining: open.length - batch.length };
  });
}
