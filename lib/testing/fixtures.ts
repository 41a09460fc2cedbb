import { randomUUID } from 'node:crypto';
import { openDb, type Db, type DbHandle } from '@/db/client';
import { eq } from 'drizzle-orm';
import { categories, customers, teamMembers, teams, tickets, users, type Role, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { Result } from '@/lib/core/result';

/** A pool on the integration database (DATABASE_URL); close it in afterAll. */
export function testDb(): DbHandle {
  return openDb({ max: 20 });
}

const unique = () => randomUUID().slice(0, 8);

/** A staff user with an Actor to act as. */
export async function makeStaff(db: Db, role: Exclude<Role, 'customer'> = 'agent', teamId?: string): Promise<Actor> {
  const email = `${role}-${unique()}@test.example`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Test ${role}`, passwordHash: 'x', role })
    .returning();
  if (!user) throw new Error('no user');
  if (teamId) await db.insert(teamMembers).values({ teamId, userId: user.id });
  return { userId: user.id, role, name: user.name, email, customerId: null };
}

/** A customer with a portal login and an Actor to act as. */
export async function makeCustomer(db: Db, name = 'Test Customer'): Promise<Actor> {
  const email = `customer-${unique()}@test.example`;
  const [customer] = await db.insert(customers).values({ name, email }).returning();
  if (!customer) throw new Error('no customer');
  const [user] = await db
    .insert(users)
    .values({ email, name, passwordHash: 'x', role: 'customer', customerId: customer.id, emailVerifiedAt: new Date() })
    .returning();
  if (!user) throw new Error('no user');
  return { userId: user.id, role: 'customer', name, email, customerId: customer.id };
}

/** A team and a category routed to it. */
export async function makeTeamAndCategory(db: Db): Promise<{ teamId: string; categoryId: string }> {
  const [team] = await db
    .insert(teams)
    .values({ name: `Team ${unique()}` })
    .returning();
  if (!team) throw new Error('no team');
  const [category] = await db
    .insert(categories)
    .values({ name: `Category ${unique()}`, defaultTeamId: team.id })
    .returning();
  if (!category) throw new Error('no category');
  return { teamId: team.id, categoryId: category.id };
}

/** The data of a Result that must have succeeded; otherwise the test fails with its code and message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.data;
}

/** A ticket as stored now. */
export async function loadTicket(db: Db, id: string): Promise<Ticket> {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id));
  if (!ticket) throw new Error(`no ticket ${id}`);
  return ticket;
}
