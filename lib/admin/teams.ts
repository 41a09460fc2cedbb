import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teamMembers, teams, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { LEAD_ROLES, requirePermission, STAFF_ROLES } from '@/lib/auth/permissions';
import { text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { formatNumber } from '@/lib/tickets/request-number';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { recordAudit } from './audit';

type Team = typeof teams.$inferSelect;

export const MAX_TEAM_NAME = 80;

const teamId = z.uuid('Team not found.');
const nameSchema = z.object({ name: text('Name', MAX_TEAM_NAME) });
const renameSchema = z.object({ teamId, name: text('Name', MAX_TEAM_NAME) });
const memberSchema = z.object({ teamId, userId: z.uuid('Choose a person.') });
const leadSchema = z.object({
  teamId,
  leadId: z
    .union([z.uuid('Choose a member.'), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

const TAKEN = 'A team with this name exists already.';

/** Team names are unique regardless of case. */
async function checkName(tx: Db, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(sql`lower(${teams.name}) = lower(${name})`, except ? ne(teams.id, except) : undefined));
  if (taken) fail('invalid', TAKEN, { name: [TAKEN] });
}

async function lockTeam(tx: Db, id: string): Promise<Team> {
  const [team] = await tx.select().from(teams).where(eq(teams.id, id)).for('update');
  if (!team) fail('not_found', 'Team not found.');
  return team;
}

async function personName(tx: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user?.name ?? null;
}

/** A new team (admins). */
export function createTeam(db: Db, actor: Actor, raw: unknown): Promise<Result<Team>> {
  return runUseCase(db, nameSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await checkName(tx, input.name);
    const [team] = await tx
      .insert(teams)
      .values({ name: input.name })
      .onConflictDoNothing({ target: teams.name })
      .returning();
    if (!team) fail('invalid', TAKEN, { name: [TAKEN] });
    await recordAudit(tx, actor, {
      action: 'team.created',
      entityType: 'team',
      entityId: team.id,
      entityLabel: team.name,
      after: { name: team.name },
    });
    return team;
  });
}

export function renameTeam(db: Db, actor: Actor, raw: unknown): Promise<Result<Team>> {
  return runUseCase(db, renameSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const team = await lockTeam(tx, input.teamId);
    if (team.name === input.name) return team;
    await checkName(tx, input.name, team.id);
    const [updated] = await tx.update(teams).set({ name: input.name }).where(eq(teams.id, team.id)).returning();
    if (!updated) throw new Error('team update returned nothing');
    await recordAudit(tx, actor, {
      action: 'team.renamed',
      entityType: 'team',
      entityId: team.id,
      entityLabel: updated.name,
      before: { name: team.name },
      after: { name: updated.name },
    });
    return updated;
  });
}

/** Adds an active staff member to a team. Already a member: nothing changes. */
export function addTeamMember(db: Db, actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return runUseCase(db, memberSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const team = await lockTeam(tx, input.teamId);
    const [person] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.active, true), inArray(users.role, STAFF_ROLES)));
    if (!person) fail('invalid', 'Choose an active staff member.', { userId: ['Choose an active staff member.'] });
    const added = await tx
      .insert(teamMembers)
      .values({ teamId: team.id, userId: person.id })
      .onConflictDoNothing()
      .returning({ userId: teamMembers.userId });
    if (added.length > 0)
      await recordAudit(tx, actor, {
        action: 'team.member_added',
        entityType: 'team',
        entityId: team.id,
        entityLabel: team.name,
        after: { member: person.name, userId: person.id },
      });
    return { name: person.name };
  });
}

/** How many open requests the refusal names before it says "and N more". */
const LISTED = 10;

/**
 * Removes a member. Refused, with the requests named, while they are the assignee of open
 * requests owned by this team: the save path keeps every assignee a member of the request's team,
 * so they are reassigned first (on the requests or in bulk from the queue). The team's lead is
 * refused too: choose another lead (or none) first.
 */
export function removeTeamMember(db: Db, actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return runUseCase(db, memberSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const team = await lockTeam(tx, input.teamId);
    const name = (await personName(tx, input.userId)) ?? 'This person';
    if (team.leadId === input.userId)
      fail('unprocessable', `${name} leads ${team.name}. Choose another lead (or none) first.`);
    const assigned = and(
      eq(tickets.teamId, team.id),
      eq(tickets.assigneeId, input.userId),
      inArray(tickets.status, [...ACTIVE_STATUSES]),
    );
    const open = await tx
      .select({ number: tickets.number })
      .from(tickets)
      .where(assigned)
      .orderBy(asc(tickets.number))
      .limit(LISTED);
    if (open.length > 0) {
      const [total] = await tx.select({ n: count() }).from(tickets).where(assigned);
      const listed = open.map((t) => formatNumber(t.number)).join(', ');
      const more = (total?.n ?? 0) > LISTED ? ` and ${(total?.n ?? 0) - LISTED} more` : '';
      const message = `${name} is the assignee of open requests of ${team.name}: ${listed}${more}. Reassign them first.`;
      fail('unprocessable', message);
    }
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)))
      .returning({ userId: teamMembers.userId });
    if (removed.length === 0) fail('not_found', `${name} is not a member of ${team.name}.`);
    await recordAudit(tx, actor, {
      action: 'team.member_removed',
      entityType: 'team',
      entityId: team.id,
      entityLabel: team.name,
      before: { member: name, userId: input.userId },
    });
    return { name };
  });
}

/** The team lead: an active member whose role is lead or admin; '' clears it. */
export function setTeamLead(db: Db, actor: Actor, raw: unknown): Promise<Result<Team>> {
  return runUseCase(db, leadSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const team = await lockTeam(tx, input.teamId);
    if (team.leadId === input.leadId) return team;
    if (input.leadId) {
      const [member] = await tx
        .select({ role: users.role, active: users.active })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.leadId)));
      const message = 'The lead must be an active member of the team with the role lead or admin.';
      if (!member || !member.active || !(LEAD_ROLES as readonly string[]).includes(member.role))
        fail('invalid', message, { leadId: [message] });
    }
    const [updated] = await tx.update(teams).set({ leadId: input.leadId }).where(eq(teams.id, team.id)).returning();
    if (!updated) throw new Error('team update returned nothing');
    await recordAudit(tx, actor, {
      action: 'team.lead_changed',
      entityType: 'team',
      entityId: team.id,
      entityLabel: team.name,
      before: { lead: await personName(tx, team.leadId) },
      after: { lead: await personName(tx, input.leadId) },
    });
    return updated;
  });
}

export interface TeamSummary {
  id: string;
  name: string;
  leadName: string | null;
  members: number;
}

/** Admins see every team; a lead sees the teams they lead (read-only). */
export async function listTeams(db: Db, actor: Actor): Promise<TeamSummary[]> {
  if (actor.role !== 'admin' && actor.role !== 'lead') fail('not_found', 'Not found.');
  const lead = users;
  return db
    .select({ id: teams.id, name: teams.name, leadName: lead.name, members: count(teamMembers.userId) })
    .from(teams)
    .leftJoin(lead, eq(lead.id, teams.leadId))
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .where(actor.role === 'admin' ? undefined : eq(teams.leadId, actor.userId))
    .groupBy(teams.id, lead.name)
    .orderBy(asc(teams.name));
}

export interface TeamDetail {
  team: { id: string; name: string; leadId: string | null; leadName: string | null };
  members: { id: string; name: string; email: string; role: string; active: boolean; openAssigned: number }[];
  /** Active staff not in the team, for "Add member". */
  candidates: { id: string; name: string; email: string }[];
}

/** One team's page; a lead only their own team's, everyone else "not found". */
export async function getTeam(db: Db, actor: Actor, id: string): Promise<TeamDetail> {
  const parsed = teamId.safeParse(id);
  if (!parsed.success) fail('not_found', 'Team not found.');
  const [team] = await db
    .select({ id: teams.id, name: teams.name, leadId: teams.leadId, leadName: users.name })
    .from(teams)
    .leftJoin(users, eq(users.id, teams.leadId))
    .where(eq(teams.id, parsed.data));
  if (!team || !(actor.role === 'admin' || (actor.role === 'lead' && team.leadId === actor.userId)))
    fail('not_found', 'Team not found.');
  const [memberRows, openCounts, candidates] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, team.id))
      .orderBy(asc(users.name)),
    db
      .select({ assigneeId: tickets.assigneeId, n: count() })
      .from(tickets)
      .where(and(eq(tickets.teamId, team.id), inArray(tickets.status, [...ACTIVE_STATUSES])))
      .groupBy(tickets.assigneeId),
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.active, true),
          inArray(users.role, STAFF_ROLES),
          sql`not exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${team.id} and ${teamMembers.userId} = ${users.id})`,
        ),
      )
      .orderBy(asc(users.name)),
  ]);
  const open = new Map(openCounts.map((c) => [c.assigneeId, c.n]));
  const members = memberRows.map((m) => ({ ...m, openAssigned: open.get(m.id) ?? 0 }));
  return { team, members, candidates };
}
