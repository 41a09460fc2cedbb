import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db, type DbHandle } from '@/db/client';
import { customers, metricRollupDirty, metricRollups, organizationAliases, organizations, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCustomer } from '@/lib/customers/create-customer';
import { updateCustomer } from '@/lib/customers/update-customer';
import { readBreakdown } from '@/lib/metrics/rollup-read';
import { refreshRollups } from '@/lib/metrics/rollup';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { organizationIdByName } from './organization-by-name';
import { deleteOrganization, mergeOrganizations } from './remove-organization';

let handle: DbHandle;
let admin: Actor;
let agent: Actor;
const tag = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

async function makeOrganization(name: string): Promise<string> {
  const [org] = await handle.db.insert(organizations).values({ name }).returning({ id: organizations.id });
  return org!.id;
}

const newCustomer = (organization: string) => ({
  name: 'Racing Customer',
  email: `race-${tag()}@test.example`,
  organization,
});

/**
 * Runs `first` until it waits on its audit row (written after the organization is removed, before
 * commit), then `second` until it waits on `first`; then lets both finish. A second connection holds
 * audit_log in SHARE mode meanwhile, which blocks inserts only.
 */
async function whileRemoving<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const waiting = async (n: number) => {
    for (let i = 0; i < 200; i++) {
      const [row] = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from pg_locks where not granted`),
      );
      if ((row?.n ?? 0) >= n) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never saw ${n} waiting locks`);
  };
  let a!: Promise<A>;
  let b!: Promise<B>;
  await handle.db.transaction(async (hold) => {
    await hold.execute(sql`lock table audit_log in share mode`);
    a = first();
    await waiting(1);
    b = second();
    await waiting(2);
  });
  return Promise.all([a, b]);
}

describe('organization by name against a merge or a delete', () => {
  it('a customer save naming the duplicate while it is merged lands in the target; the duplicate stays gone', async () => {
    const t = tag();
    const target = await makeOrganization(`Target ${t}`);
    const duplicate = await makeOrganization(`Dup ${t}`);
    const [merged, saved] = await whileRemoving(
      () => mergeOrganizations(handle.db, admin, { organizationId: duplicate, into: target }),
      () => createCustomer(handle.db, agent, newCustomer(`Dup ${t}`)),
    );
    expect(merged.ok).toBe(true);
    expect(must(saved).organizationId).toBe(target);
    expect(
      await handle.db
        .select()
        .from(organizations)
        .where(eq(organizations.name, `Dup ${t}`)),
    ).toEqual([]);

    // Afterwards too: the old name leads to the target (an update, and a create).
    const portal = await makeCustomer(handle.db, 'Old Name User');
    const updated = must(
      await updateCustomer(handle.db, agent, {
        customerId: portal.customerId,
        version: 1,
        name: 'Old Name User',
        email: portal.email,
        organization: `Dup ${t}`,
      }),
    );
    expect(updated.organizationId).toBe(target);
    expect(must(await createCustomer(handle.db, agent, newCustomer(`Dup ${t}`))).organizationId).toBe(target);
    expect(
      await handle.db
        .select()
        .from(organizations)
        .where(eq(organizations.name, `Dup ${t}`)),
    ).toEqual([]);
  });

  it('a merge chain follows the names; merging the target away re-points the older alias', async () => {
    const t = tag();
    const a = await makeOrganization(`A ${t}`);
    const b = await makeOrganization(`B ${t}`);
    const c = await makeOrganization(`C ${t}`);
    must(await mergeOrganizations(handle.db, admin, { organizationId: a, into: b }));
    must(await mergeOrganizations(handle.db, admin, { organizationId: b, into: c }));
    const aliases = await handle.db
      .select()
      .from(organizationAliases)
      .where(inArray(organizationAliases.name, [`A ${t}`, `B ${t}`]));
    expect(aliases.map((x) => x.organizationId)).toEqual([c, c]);
    expect(must(await createCustomer(handle.db, agent, newCustomer(`A ${t}`))).organizationId).toBe(c);
  });

  it('a customer save naming an organization while it is deleted is no 500: it is saved whole', async () => {
    const t = tag();
    const doomed = await makeOrganization(`Doomed ${t}`);
    const [deleted, saved] = await whileRemoving(
      () => deleteOrganization(handle.db, admin, { organizationId: doomed }),
      () => createCustomer(handle.db, agent, newCustomer(`Doomed ${t}`)),
    );
    expect(deleted.ok).toBe(true);
    // The save came second: as if it ran just after the delete, it names a new organization of that name.
    const customer = must(saved);
    const [org] = await handle.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, `Doomed ${t}`));
    expect(org?.id).toBeDefined();
    expect(org?.id).not.toBe(doomed);
    expect(customer.organizationId).toBe(org?.id);
  });

  it('a delete waits for a customer save holding the organization, then refuses (409 on customers)', async () => {
    const t = tag();
    const busy = await makeOrganization(`Busy ${t}`);
    let deleting!: ReturnType<typeof deleteOrganization>;
    await handle.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      // A customer save in flight: organization held, customer inserted, not yet committed.
      const id = await organizationIdByName(tx, `Busy ${t}`);
      await tx.insert(customers).values({ name: 'In flight', email: `fl-${t}@test.example`, organizationId: id });
      deleting = deleteOrganization(handle.db, admin, { organizationId: busy });
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(await deleting).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { customers: expect.any(Array) },
    });
  });
});

describe('dashboard rollups after a merge or a delete', () => {
  const day = '2021-06-15';
  const period = { from: new Date(`${day}T00:00:00Z`), to: new Date('2021-06-16T00:00:00Z') };

  async function requestOn(organizationId: string): Promise<void> {
    const member = await makeCustomer(handle.db, 'Rollup Member');
    await handle.db.update(customers).set({ organizationId }).where(eq(customers.id, member.customerId!));
    const ticket = must(await submitRequest(handle.db, member, { subject: 'Rollup', description: 'A past request.' }));
    await handle.db
      .update(tickets)
      .set({ createdAt: new Date(`${day}T10:00:00Z`) })
      .where(eq(tickets.id, ticket.id));
  }
  const breakdown = async (ids: string[]) =>
    (await readBreakdown(handle.db, period, {}, 'organizationId', new Map()))
      .filter((r) => r.id !== null && ids.includes(r.id))
      .map((r) => ({ id: r.id, name: r.name, created: r.created }));

  it('after a merge the key-accounts breakdown has one row for the target with the sum', async () => {
    const t = tag();
    const target = await makeOrganization(`Rollup target ${t}`);
    const duplicate = await makeOrganization(`Rollup dup ${t}`);
    await requestOn(target);
    await requestOn(duplicate);
    await requestOn(duplicate);
    await refreshRollups(handle.db);
    expect(await breakdown([target, duplicate])).toEqual([
      { id: duplicate, name: `Rollup dup ${t}`, created: 2 },
      { id: target, name: `Rollup target ${t}`, created: 1 },
    ]);

    must(await mergeOrganizations(handle.db, admin, { organizationId: duplicate, into: target }));
    // The merge marked the past day for the rollup job (and asked for a run).
    const marks = await handle.db.select().from(metricRollupDirty).where(eq(metricRollupDirty.day, day));
    expect(marks.length).toBeGreaterThan(0);
    await refreshRollups(handle.db);
    expect(await breakdown([target, duplicate])).toEqual([{ id: target, name: `Rollup target ${t}`, created: 3 }]);
    expect(await handle.db.select().from(metricRollups).where(eq(metricRollups.organizationId, duplicate))).toEqual([]);
  });

  it('a deleted organization (no customers left) leaves no rollup row', async () => {
    const t = tag();
    const gone = await makeOrganization(`Rollup gone ${t}`);
    await requestOn(gone);
    await refreshRollups(handle.db);
    expect((await breakdown([gone])).map((r) => r.created)).toEqual([1]);
    // Delete needs it empty: its customer moves out first (which marks the days), then it goes.
    await handle.db.update(customers).set({ organizationId: null }).where(eq(customers.organizationId, gone));
    must(await deleteOrganization(handle.db, admin, { organizationId: gone }));
    await refreshRollups(handle.db);
    expect(await breakdown([gone])).toEqual([]);
    expect(await handle.db.select().from(metricRollups).where(eq(metricRollups.organizationId, gone))).toEqual([]);
  });
});
