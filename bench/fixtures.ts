import { and, desc, eq, isNotNull, ne, notInArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, teams, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { listQueue } from '@/lib/tickets/queue';

/** How deep into a queue the "next page" operation reads. */
export const DEEP_PAGE = 21;
export const LONG_THREAD_MESSAGES = 50;

export interface Fixtures {
  agent: Actor;
  customer: Actor;
  tickets: number;
  messages: number;
  /** A request with exactly LONG_THREAD_MESSAGES messages. */
  longThread: number;
  /** An open request the reply operation writes to. */
  replyTarget: number;
  /** Identified open P3 requests the bulk operation re-prioritises. */
  bulkNumbers: number[];
  /** Cursor of page DEEP_PAGE - 1 of the "open" view, or null if the view is shorter. */
  deepCursor: string | null;
  search: { commonWord: string; rareWord: string; misspelledName: string; ticketNumber: string; cern: string | null };
  /** The team with the most requests: filtered searches and views narrow to it. */
  team: { id: string; name: string } | null;
}

export async function actorFor(db: Db, email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} not found: seed the database first (npm run seed or npm run seed:bulk)`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, customerId: u.customerId };
}

/** Drops a letter from the middle of the surname: "Kofi Boateng" → "Kofi Boaeng". */
export const misspell = (name: string): string => {
  const [first, last = ''] = name.split(' ');
  const at = Math.floor(last.length / 2);
  return `${first} ${last.slice(0, at)}${last.slice(at + 1)}`;
};

export async function loadFixtures(db: Db): Promise<Fixtures> {
  const agent = await actorFor(db, 'agent@demo.test');
  const customer = await actorFor(db, 'customer@demo.test');
  const [counts] = rowsOf<{ tickets: number; messages: number }>(
    await db.execute(
      sql`select (select count(*) from tickets)::int as tickets, (select count(*) from messages)::int as messages`,
    ),
  );

  const [target] = await db
    .select({ number: tickets.number })
    .from(tickets)
    .where(eq(tickets.status, 'open'))
    .orderBy(desc(tickets.number))
    .limit(1);
  if (!target) throw new Error('no open request to reply to');
  const longThread = await findOrMakeLongThread(db, agent, target.number);
  const bulk = await db
    .select({ number: tickets.number })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'open'),
        eq(tickets.stage, 'resolution'),
        eq(tickets.priority, 3),
        notInArray(tickets.number, [target.number, longThread]),
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(100);

  // Follow the "open" view's cursors as an agent paging down would; null if it has fewer pages.
  let deepCursor: string | null = null;
  let after: string | undefined;
  for (let page = 1; page < DEEP_PAGE; page++) {
    const result = await listQueue(db, agent, { view: 'open', after });
    after = result.next ?? undefined;
    if (!after) break;
    if (page === DEEP_PAGE - 1) deepCursor = after;
  }

  const [named] = rowsOf<{ name: string }>(
    await db.execute(
      sql`select name from ${customers} where name ~ '^[A-Za-z]+ [A-Za-z]{8,}$' order by name limit 1 offset 7`,
    ),
  );
  const [middle] = await db
    .select({ number: tickets.number })
    .from(tickets)
    .orderBy(desc(tickets.number))
    .limit(1)
    .offset(Math.floor((counts?.tickets ?? 0) / 2));
  const [team] = rowsOf<{ id: string; name: string }>(
    await db.execute(
      sql`select tm.id, tm.name from ${teams} tm order by (select count(*) from ${tickets} t where t.team_id = tm.id) desc, tm.name limit 1`,
    ),
  );
  const [excepted] = await db
    .select({ cern: tickets.cern })
    .from(tickets)
    .where(isNotNull(tickets.cern))
    .orderBy(desc(tickets.cern))
    .limit(1)
    .offset(50);

  return {
    agent,
    customer,
    tickets: counts?.tickets ?? 0,
    messages: counts?.messages ?? 0,
    longThread,
    replyTarget: target.number,
    bulkNumbers: bulk.map((b) => b.number),
    deepCursor,
    search: {
      commonWord: 'refund',
      rareWord: 'quokka',
      misspelledName: misspell(named?.name ?? 'Kofi Boateng'),
      ticketNumber: `#${middle?.number ?? 1001}`,
      cern: excepted?.cern ?? null,
    },
    team: team ?? null,
  };
}

/** A request with exactly 50 messages: the bulk seed writes some; on a small database one is made. */
async function findOrMakeLongThread(db: Db, agent: Actor, avoid: number): Promise<number> {
  const [found] = rowsOf<{ number: number }>(
    await db.execute(sql`
      select t.number from ${tickets} t
      where t.public_reply_count >= 20 and t.number <> ${avoid}
        and (select count(*) from messages m where m.ticket_id = t.id) = ${LONG_THREAD_MESSAGES}
      order by t.number limit 1`),
  );
  if (found) return found.number;
  const [open] = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.status, 'open'), ne(tickets.number, avoid)))
    .limit(1);
  if (!open) throw new Error('no open request to grow into a 50-message thread');
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from messages where ticket_id = ${open.id}`),
  );
  for (let i = row?.n ?? 0; i < LONG_THREAD_MESSAGES; i++) {
    const result = await replyToTicket(db, agent, {
      number: open.number,
      body: `Bench thread message ${i + 1}.`,
      visibility: i % 5 === 4 ? 'internal' : 'public',
    });
    if (!result.ok) throw new Error(`could not grow #${open.number}: ${result.message}`);
  }
  return open.number;
}

/** The dashboard's filter values for the bench: the busiest team, its busiest agent, its busiest category, the busiest organization. */
export async function loadDashboardFixtures(db: Db): Promise<{
  teamId: string | undefined;
  agentId: string | undefined;
  categoryId: string | undefined;
  organizationId: string | undefined;
}> {
  const [row] = await db
    .select({ teamId: tickets.teamId, agentId: tickets.assigneeId, categoryId: tickets.categoryId })
    .from(tickets)
    .where(
      sql`${tickets.assigneeId} is not null and ${tickets.categoryId} is not null and ${tickets.teamId} is not null`,
    )
    .groupBy(tickets.teamId, tickets.assigneeId, tickets.categoryId)
    .orderBy(sql`count(*) desc`)
    .limit(1);
  // The organization with the most requests (key accounts).
  const [org] = await db
    .select({ id: customers.organizationId })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(isNotNull(customers.organizationId))
    .groupBy(customers.organizationId)
    .orderBy(sql`count(*) desc`)
    .limit(1);
  return {
    organizationId: org?.id ?? undefined,
    teamId: row?.teamId ?? undefined,
    agentId: row?.agentId ?? undefined,
    categoryId: row?.categoryId ?? undefined,
  };
}
