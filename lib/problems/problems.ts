import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { problems, problemTickets, ticketColumns, tickets, users, type Problem, type ProblemStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, requirePermission } from '@/lib/auth/permissions';
import { nextCern } from '@/lib/cern/next-cern';
import { isUniqueViolation } from '@/lib/core/db-errors';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { resolveLocked } from '@/lib/pipeline/resolve-ticket';
import { appendEventsMany, formatNumber, lockTicket } from '@/lib/tickets/store';
import { isOpenStatus } from '@/lib/tickets/transitions';
import { ACTIVE, lockProblem } from './resolve-problem';
import { groupSchema, unlinkSchema } from './schemas';

/** Staff read problems; anyone else is told "not found", as for any staff page. */
function requireRead(actor: Actor): void {
  if (!can(actor, 'problem.read')) fail('not_found', 'That page was not found.');
}

export interface GroupResult {
  problem: Problem;
  created: boolean;
  linked: number[];
  /** Linked to a resolved problem: resolved at link time with its summary. */
  resolved: number[];
}

/**
 * A lead groups requests under a problem — a new one (title, description, owner: a CERN from the
 * same counter as exceptions) or an existing one — from the recurring-issues list, the problems
 * page or a request's page. A request belongs to at most one problem: one already under another
 * is refused by number (unlink it first); one already under this problem is left as it is. Each
 * link is a `problem_linked` event. Linking to a problem already resolved resolves every newly
 * linked request still being worked on, with the problem's summary and the customer's mail, as
 * the problem's resolution did for the others.
 */
export function groupTickets(db: Db, actor: Actor, raw: unknown): Promise<Result<GroupResult>> {
  return runUseCase(db, groupSchema, raw, async (tx, input) => {
    requirePermission(actor, 'problem.manage');
    let problem: Problem;
    const created = !input.problemId;
    if (input.problemId) {
      problem = await lockProblem(tx, input.problemId);
    } else {
      const ownerId = input.ownerId ?? actor.userId;
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, ownerId), eq(users.active, true), ne(users.role, 'customer')));
      if (!owner) fail('invalid', 'Choose an owner from the staff.', { ownerId: ['Choose an owner from the staff.'] });
      const now = new Date();
      [problem] = (await tx
        .insert(problems)
        .values({
          cern: await nextCern(tx, now.getUTCFullYear()),
          title: input.title!,
          description: input.description ?? '',
          ownerId,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning()) as [Problem];
    }
    if (input.tickets.length === 0) return { problem, created, linked: [], resolved: [] };

    const found = await tx
      .select({ ...ticketColumns, linkedTo: problemTickets.problemId, linkedCern: problems.cern })
      .from(tickets)
      .leftJoin(problemTickets, eq(problemTickets.ticketId, tickets.id))
      .leftJoin(problems, eq(problems.id, problemTickets.problemId))
      .where(inArray(tickets.number, input.tickets))
      .orderBy(asc(tickets.number));
    const missing = input.tickets.filter((n) => !found.some((t) => t.number === n));
    if (missing.length > 0)
      fail('invalid', 'Some requests were not found.', {
        tickets: [`No request ${missing.map(formatNumber).join(', ')}.`],
      });
    const elsewhere = found.filter((t) => t.linkedTo && t.linkedTo !== problem.id);
    if (elsewhere.length > 0)
      fail('conflict', 'Some requests already belong to another problem.', {
        tickets: elsewhere.map((t) => `${formatNumber(t.number)} is already part of ${t.linkedCern}: unlink it first.`),
      });
    const fresh = found.filter((t) => !t.linkedTo);
    if (fresh.length > 0) {
      try {
        await tx.transaction(async (sp) =>
          sp
            .insert(problemTickets)
            .values(fresh.map((t) => ({ ticketId: t.id, problemId: problem.id, linkedBy: actor.userId }))),
        );
      } catch (error) {
        if (isUniqueViolation(error))
          fail('conflict', 'Someone linked one of these requests at the same moment. Reload and try again.');
        throw error;
      }
      await appendEventsMany(
        tx,
        actor.userId,
        fresh.map((t) => ({
          ticket: t,
          events: [
            {
              type: 'problem_linked',
              to: problem.cern,
              data: { problemId: problem.id, cern: problem.cern, title: problem.title },
            },
          ],
        })),
      );
    }
    const resolved: number[] = [];
    if (problem.status === 'resolved') {
      for (const t of fresh.filter((t) => isOpenStatus(t.status))) {
        const ticket = await lockTicket(tx, t.number);
        if (!isOpenStatus(ticket.status)) continue;
        await resolveLocked(tx, actor, ticket, problem.resolutionSummary ?? '', {
          id: problem.id,
          cern: problem.cern,
          title: problem.title,
        });
        resolved.push(t.number);
      }
    }
    return { problem, created, linked: fresh.map((t) => t.number), resolved };
  });
}

/** Takes a request out of its problem (a `problem_unlinked` event); its state is left as it is. */
export function unlinkTicket(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ problem: Problem; number: number }>> {
  return runUseCase(db, unlinkSchema, raw, async (tx, input) => {
    requirePermission(actor, 'problem.manage');
    const problem = await lockProblem(tx, input.problemId);
    const [ticket] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .innerJoin(problemTickets, eq(problemTickets.ticketId, tickets.id))
      .where(and(eq(tickets.number, input.number), eq(problemTickets.problemId, problem.id)));
    if (!ticket) fail('not_found', `${formatNumber(input.number)} is not part of ${problem.cern}.`);
    await tx.delete(problemTickets).where(eq(problemTickets.ticketId, ticket.id));
    await appendEventsMany(tx, actor.userId, [
      {
        ticket,
        events: [{ type: 'problem_unlinked', from: problem.cern, data: { problemId: problem.id, cern: problem.cern } }],
      },
    ]);
    return { problem, number: ticket.number };
  });
}

export interface ProblemRow {
  id: string;
  cern: string;
  title: string;
  status: ProblemStatus;
  ownerName: string;
  createdAt: Date;
  resolvedAt: Date | null;
  linked: number;
  open: number;
}

/** The problems, open first then newest, with their linked and still-open request counts. */
export async function listProblems(db: Db, actor: Actor, options: { status?: string } = {}): Promise<ProblemRow[]> {
  requireRead(actor);
  {
    const status = options.status === 'open' || options.status === 'resolved' ? options.status : null;
    const rows = rowsOf<{
      id: string;
      cern: string;
      title: string;
      status: ProblemStatus;
      owner_name: string;
      created_at: Date | string;
      resolved_at: Date | string | null;
      linked: number;
      open: number;
    }>(
      await db.execute(sql`
        select p.id, p.cern, p.title, p.status, u.name as owner_name, p.created_at, p.resolved_at,
          (select count(*)::int from problem_tickets pt where pt.problem_id = p.id) as linked,
          (select count(*)::int from problem_tickets pt join tickets t on t.id = pt.ticket_id
            where pt.problem_id = p.id and t.status in ${ACTIVE}) as open
        from problems p join users u on u.id = p.owner_id
        ${status ? sql`where p.status = ${status}` : sql``}
        order by p.status, p.created_at desc
        limit 200`),
    );
    return rows.map((r) => ({
      id: r.id,
      cern: r.cern,
      title: r.title,
      status: r.status,
      ownerName: r.owner_name,
      createdAt: new Date(r.created_at),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
      linked: Number(r.linked),
      open: Number(r.open),
    }));
  }
}

export interface ProblemDetail {
  problem: Problem;
  ownerName: string;
  resolvedByName: string | null;
  requests: { number: number; subject: string; status: string; customerName: string; linkedAt: Date }[];
  linked: number;
  open: number;
}

export const SHOWN_REQUESTS = 200;

/** One problem with its linked requests (newest link first, the first SHOWN_REQUESTS). */
export async function getProblem(db: Db, actor: Actor, id: string): Promise<ProblemDetail> {
  requireRead(actor);
  {
    if (!z.uuid().safeParse(id).success) fail('not_found', 'That problem was not found.');
    const [row] = rowsOf<{ owner_name: string; resolved_by_name: string | null }>(
      await db.execute(sql`
        select o.name as owner_name, r.name as resolved_by_name from problems p
        join users o on o.id = p.owner_id left join users r on r.id = p.resolved_by where p.id = ${id}`),
    );
    const [problem] = await db.select().from(problems).where(eq(problems.id, id));
    if (!problem || !row) fail('not_found', 'That problem was not found.');
    const requests = rowsOf<{
      number: number;
      subject: string;
      status: string;
      customer_name: string;
      linked_at: Date | string;
    }>(
      await db.execute(sql`
        select t.number, t.subject, t.status, c.name as customer_name, pt.linked_at
        from problem_tickets pt join tickets t on t.id = pt.ticket_id join customers c on c.id = t.customer_id
        where pt.problem_id = ${id} order by pt.linked_at desc, t.number desc limit ${SHOWN_REQUESTS}`),
    );
    const [counts] = rowsOf<{ linked: number; open: number }>(
      await db.execute(sql`
        select count(*)::int as linked,
          count(*) filter (where t.status in ${ACTIVE})::int as open
        from problem_tickets pt join tickets t on t.id = pt.ticket_id where pt.problem_id = ${id}`),
    );
    return {
      problem,
      ownerName: row.owner_name,
      resolvedByName: row.resolved_by_name,
      requests: requests.map((r) => ({
        number: Number(r.number),
        subject: r.subject,
        status: r.status,
        customerName: r.customer_name,
        linkedAt: new Date(r.linked_at),
      })),
      linked: Number(counts?.linked ?? 0),
      open: Number(counts?.open ?? 0),
    };
  }
}

export interface ProblemOption {
  id: string;
  cern: string;
  title: string;
  status: ProblemStatus;
}

/** What a "link to problem" select offers: every open problem and the 20 most recently resolved. */
export async function listProblemOptions(db: Db, actor: Actor): Promise<ProblemOption[]> {
  if (!can(actor, 'problem.read')) return [];
  const cols = { id: problems.id, cern: problems.cern, title: problems.title, status: problems.status };
  const [open, resolved] = await Promise.all([
    db.select(cols).from(problems).where(eq(problems.status, 'open')).orderBy(desc(problems.createdAt)).limit(200),
    db.select(cols).from(problems).where(eq(problems.status, 'resolved')).orderBy(desc(problems.resolvedAt)).limit(20),
  ]);
  return [...open, ...resolved];
}

/** The problem a request belongs to, for its page (staff), or null. */
export async function getTicketProblem(db: Db, actor: Actor, ticketId: string): Promise<ProblemOption | null> {
  if (!can(actor, 'problem.read')) return null;
  const [row] = await db
    .select({ id: problems.id, cern: problems.cern, title: problems.title, status: problems.status })
    .from(problemTickets)
    .innerJoin(problems, eq(problems.id, problemTickets.problemId))
    .where(eq(problemTickets.ticketId, ticketId));
  return row ?? null;
}

/** Staff who may own a problem (the create form's select). */
export async function listProblemOwners(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, 'customer')))
    .orderBy(asc(users.name));
}
