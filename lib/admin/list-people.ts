import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditLog, teamMembers, teams, tickets, users, type Role, type Status } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, requirePermission } from '@/lib/auth/permissions';
import { isStorableText, searchText } from '@/lib/core/fields';
import { fail } from '@/lib/core/result';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { STAFF_ROLES } from './people-rules';

export const PEOPLE_PAGE = 50;

/** The list's filters, from the URL; anything unknown falls back to the default view. */
export const peopleFilterSchema = z.object({
  q: searchText(200).catch(''),
  role: z.enum(['', ...STAFF_ROLES, 'customer']).catch(''),
  status: z.enum(['active', 'deactivated', 'all']).catch('active'),
  /** Keyset: the name and id of the last row shown. */
  after: z.string().max(300).catch(''),
});
export type PeopleFilter = z.infer<typeof peopleFilterSchema>;

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  teams: string[];
  openTickets: number;
  createdAt: Date;
}

// Written out in full: inside a select list drizzle leaves column names unqualified, which a
// correlated subquery cannot use.
const teamsOf = sql<
  string[]
>`coalesce((select array_agg(t.name order by t.name) from team_members tm join teams t on t.id = tm.team_id where tm.user_id = "users"."id"), '{}')`;
const openCount = sql<number>`(select count(*)::int from tickets t where t.assignee_id = "users"."id" and t.status in (${sql.join(
  ACTIVE_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)}))`;

/** The ids of the people a lead may see: the members of the teams they lead. */
const ledBy = (leadId: string) =>
  sql`"users"."id" in (select tm.user_id from team_members tm join teams t on t.id = tm.team_id where t.lead_id = ${leadId})`;

/** Who the actor may see: admins everyone; leads the members of the teams they lead, and themselves. */
function visibleTo(actor: Actor): SQL | undefined {
  if (can(actor, 'admin')) return undefined;
  if (actor.role === 'lead') return or(ledBy(actor.userId), eq(users.id, actor.userId));
  return fail('forbidden', 'You do not have permission to do that.');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const encodeAfter = (row: { name: string; id: string }) =>
  Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');
function decodeAfter(after: string): [string, string] | null {
  if (!after) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      isStorableText(value[0]) &&
      typeof value[1] === 'string' &&
      z.uuid().safeParse(value[1]).success
    )
      return [value[0], value[1]];
  } catch {
    // A forged cursor shows the first page.
  }
  return null;
}

/**
 * Staff (and, under the role filter, portal logins) by name, with search on name and e-mail and a
 * keyset page on (name, id). Leads see the members of the teams they lead, read-only.
 */
export async function listPeople(
  db: Db,
  actor: Actor,
  filter: PeopleFilter,
): Promise<{ rows: PersonRow[]; next: string | null }> {
  const conditions: (SQL | undefined)[] = [visibleTo(actor)];
  conditions.push(filter.role ? eq(users.role, filter.role) : ne(users.role, 'customer'));
  if (filter.status !== 'all') conditions.push(eq(users.active, filter.status === 'active'));
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(users.name, like), ilike(users.email, like)));
  }
  const after = decodeAfter(filter.after);
  if (after) conditions.push(sql`(${users.name}, ${users.id}) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      teams: teamsOf,
      openTickets: openCount,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.id))
    .limit(PEOPLE_PAGE + 1);
  const page = rows.slice(0, PEOPLE_PAGE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > PEOPLE_PAGE && last ? encodeAfter(last) : null };
}

export interface PersonDetail {
  person: PersonRow & { emailVerifiedAt: Date | null };
  openTickets: {
    number: number;
    subject: string;
    status: Status;
    priority: number;
    team: string | null;
    updatedAt: Date;
  }[];
  /** Active staff who could take the open requests, with their teams. */
  candidates: { id: string; name: string; teams: string[] }[];
  history: { id: number; action: string; actorName: string | null; createdAt: Date }[];
  /** What the viewer may do here: admins act, leads read. */
  canManage: boolean;
}

/** One person's page: who they are, their open requests, the admin history about them. */
export async function getPerson(db: Db, actor: Actor, id: string): Promise<PersonDetail> {
  if (!z.uuid().safeParse(id).success) fail('not_found', 'That person was not found.');
  requirePermission(actor, 'metrics.read');
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      teams: teamsOf,
      openTickets: openCount,
      createdAt: users.createdAt,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(and(eq(users.id, id), visibleTo(actor)));
  if (!person) fail('not_found', 'That person was not found.');
  const canManage = can(actor, 'admin');
  const [openTickets, candidates, history] = await Promise.all([
    db
      .select({
        number: tickets.number,
        subject: tickets.subject,
        status: tickets.status,
        priority: tickets.priority,
        team: teams.name,
        updatedAt: tickets.updatedAt,
      })
      .from(tickets)
      .leftJoin(teams, eq(teams.id, tickets.teamId))
      .where(and(eq(tickets.assigneeId, id), inArray(tickets.status, [...ACTIVE_STATUSES])))
      .orderBy(asc(tickets.number))
      .limit(500),
    canManage
      ? db
          .select({ id: users.id, name: users.name, teams: teamsOf })
          .from(users)
          .where(and(eq(users.active, true), inArray(users.role, [...STAFF_ROLES]), ne(users.id, id)))
          .orderBy(asc(users.name))
      : Promise.resolve([]),
    canManage
      ? db
          .select({
            id: auditLog.id,
            action: auditLog.action,
            actorName: users.name,
            createdAt: auditLog.createdAt,
          })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorUserId))
          .where(
            or(
              and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, id)),
              and(eq(auditLog.entityType, 'invitation'), eq(auditLog.entityId, person.email)),
            ),
          )
          .orderBy(desc(auditLog.id))
          .limit(20)
      : Promise.resolve([]),
  ]);
  return { person, openTickets, candidates, history, canManage };
}
