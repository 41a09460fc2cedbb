import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db, type DbHandle } from '@/db/client';
import {
  auditLog,
  businessCalendars,
  calendarHolidays,
  categories,
  customers,
  organizations,
  slaPolicies,
  tickets,
  type Customer,
  type Ticket,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { addHoliday, saveCalendar, saveSlaPolicy } from '@/lib/admin/sla';
import { updateCustomer } from '@/lib/customers/update-customer';
import { createTicket } from '@/lib/pipeline/create-ticket';
import { loadTicket, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { saveTicket } from '@/lib/tickets/store';
import { recomputeSlaJob, type RecomputeData } from './recompute';

let handle: DbHandle;
let admin: Actor;
let calendarId: string;
let roundCalendarId: string;
let categoryId: string;
let otherCategoryId: string;
let organizationId: string;
let plain: Customer;
let keyAccount: Customer;
const tag = Math.random().toString(36).slice(2, 8);
const at = (iso: string) => new Date(iso);
const H = 3_600_000;
// Mon 30 Nov 2026 09:00 CET.
const MONDAY = at('2026-11-30T08:00:00Z');

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error('no row');
  return row;
}

beforeAll(async () => {
  handle = testDb();
  const db = handle.db;
  admin = await makeStaff(db, 'admin');
  calendarId = (
    await one(
      db
        .insert(businessCalendars)
        .values({
          name: `Office ${tag}`,
          timeZone: 'Europe/Amsterdam',
          hours: { days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:30' })) },
        })
        .returning(),
    )
  ).id;
  await db.insert(calendarHolidays).values({ calendarId, day: '2026-12-25', name: 'Christmas' });
  categoryId = (
    await one(
      db
        .insert(categories)
        .values({ name: `SLA cat ${tag}` })
        .returning(),
    )
  ).id;
  otherCategoryId = (
    await one(
      db
        .insert(categories)
        .values({ name: `SLA other ${tag}` })
        .returning(),
    )
  ).id;
  organizationId = (
    await one(
      db
        .insert(organizations)
        .values({ name: `Key account ${tag}` })
        .returning(),
    )
  ).id;
  plain = await one(
    db
      .insert(customers)
      .values({ name: 'Plain', email: `plain-${tag}@test.example` })
      .returning(),
  );
  keyAccount = await one(
    db
      .insert(customers)
      .values({ name: 'Key', email: `key-${tag}@test.example`, organizationId })
      .returning(),
  );
  const base = { calendarId, resolutionMinutes: 600 };
  await db.insert(slaPolicies).values([
    { ...base, name: `cat ${tag}`, priority: 3, categoryId, firstResponseMinutes: 120, warnAtPercent: 50 },
    { ...base, name: `org ${tag}`, priority: 3, organizationId, firstResponseMinutes: 60 },
    { ...base, name: `org+cat ${tag}`, priority: 3, organizationId, categoryId, firstResponseMinutes: 30 },
    { ...base, name: `cat P2 ${tag}`, priority: 2, categoryId, firstResponseMinutes: 15, resolutionMinutes: 240 },
  ]);
  // Round the clock, for pauses measured against the real clock (every day 00:00–24:00 UTC).
  roundCalendarId = (
    await one(
      db
        .insert(businessCalendars)
        .values({
          name: `Always ${tag}`,
          timeZone: 'UTC',
          hours: { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })) },
        })
        .returning(),
    )
  ).id;
});
afterAll(() => handle.close());

const policyId = async (name: string) =>
  (await one(handle.db.select().from(slaPolicies).where(eq(slaPolicies.name, name)))).id;

function create(customer: Customer, category: string | null, now = MONDAY): Promise<Ticket> {
  return handle.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const { ticket } = await createTicket(tx, {
      customer,
      subject: `SLA ${tag}`,
      description: 'Due times under a policy',
      channel: 'web',
      categoryId: category ?? undefined,
      loggedBy: null,
      now,
    });
    return ticket;
  });
}

const save = (ticket: Ticket, patch: Partial<Ticket>) =>
  handle.db.transaction((trx) => saveTicket(trx as unknown as Db, ticket, patch));

describe('due times at creation follow the most specific policy, in business hours', () => {
  it('category only: 2 h first response, 10 h resolution, warning at 50 %', async () => {
    const t = await create(plain, categoryId);
    expect(t.slaPolicyId).toBe(await policyId(`cat ${tag}`));
    // Mon 09:00 + 2 h = 11:00 CET; + 10 h = Mon 8.5 h + Tue 1.5 h → Tue 10:30 CET.
    expect(t.firstResponseDueAt).toEqual(at('2026-11-30T10:00:00Z'));
    expect(t.resolutionDueAt).toEqual(at('2026-12-01T09:30:00Z'));
    expect(t.firstResponseWarnAt).toEqual(at('2026-11-30T09:00:00Z'));
    expect(t.resolutionWarnAt).toEqual(at('2026-11-30T13:00:00Z'));
  });

  it('organization beats category, organization + category beats both', async () => {
    const org = await create(keyAccount, null);
    expect(org.slaPolicyId).toBe(await policyId(`org ${tag}`));
    expect(org.firstResponseDueAt).toEqual(at('2026-11-30T09:00:00Z'));
    expect(org.firstResponseWarnAt).toBeNull();
    const both = await create(keyAccount, categoryId);
    expect(both.slaPolicyId).toBe(await policyId(`org+cat ${tag}`));
    expect(both.firstResponseDueAt).toEqual(at('2026-11-30T08:30:00Z'));
  });

  it('counts from the next opening when created at the weekend', async () => {
    // Sat 5 Dec 12:00 CET → Mon 7 Dec 09:00 + 2 h = 11:00 CET.
    const t = await create(plain, categoryId, at('2026-12-05T11:00:00Z'));
    expect(t.firstResponseDueAt).toEqual(at('2026-12-07T10:00:00Z'));
  });
});

describe('the save path recomputes on priority, category and customer changes', () => {
  it('priority and category changes pick the policy again; a reached target keeps its due time', async () => {
    const t = await create(plain, categoryId);
    const p2 = await save(t, { priority: 2 });
    expect(p2.slaPolicyId).toBe(await policyId(`cat P2 ${tag}`));
    expect(p2.firstResponseDueAt).toEqual(at('2026-11-30T08:15:00Z'));
    expect(p2.resolutionDueAt).toEqual(at('2026-11-30T12:00:00Z'));
    const answered = await save(p2, { firstResponseAt: at('2026-11-30T08:10:00Z') });
    // No P2 policy for the other category: the built-in P2 targets (4 h / 24 h round the clock),
    // except the first response already given, judged against its due time then.
    const moved = await save(answered, { categoryId: otherCategoryId });
    const fallback = (await handle.db.select().from(slaPolicies)).find(
      (p) => p.active && p.priority === 2 && !p.categoryId && !p.organizationId,
    );
    if (!fallback) {
      expect(moved.slaPolicyId).toBeNull();
      expect(moved.resolutionDueAt).toEqual(at('2026-12-01T08:00:00Z'));
    }
    expect(moved.firstResponseDueAt).toEqual(at('2026-11-30T08:15:00Z'));
  });

  it('moving the request to a key account customer applies the organization policy', async () => {
    const t = await create(plain, null);
    const moved = await save(t, { customerId: keyAccount.id });
    expect(moved.slaPolicyId).toBe(await policyId(`org ${tag}`));
    expect(moved.firstResponseDueAt).toEqual(at('2026-11-30T09:00:00Z'));
  });
});

describe('pauses and business time', () => {
  it('a pending period pushes open due times back by its business time only', async () => {
    const name = `always ${tag}`;
    const org = await one(
      handle.db
        .insert(organizations)
        .values({ name: `Always org ${tag}` })
        .returning(),
    );
    const holder = await one(
      handle.db
        .insert(customers)
        .values({ name: 'Always', email: `always-${tag}@test.example`, organizationId: org.id })
        .returning(),
    );
    await handle.db.insert(slaPolicies).values({
      name,
      priority: 3,
      organizationId: org.id,
      calendarId: roundCalendarId,
      firstResponseMinutes: 60,
      resolutionMinutes: 120,
    });
    // Today (UTC) is a holiday of that calendar: a pause from yesterday noon until now counts 12 h.
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    await handle.db.insert(calendarHolidays).values({ calendarId: roundCalendarId, day: today, name: 'Today' });
    const yesterdayNoon = new Date(`${today}T12:00:00Z`).getTime() - 24 * H;
    const t = await create(holder, null, new Date(yesterdayNoon - H));
    const pending = await save(t, { status: 'pending' });
    const dueBefore = new Date(`${today}T10:00:00Z`).getTime() + 2 * 24 * H;
    await handle.db
      .update(tickets)
      .set({ slaPausedAt: new Date(yesterdayNoon), resolutionDueAt: new Date(dueBefore) })
      .where(eq(tickets.id, t.id));
    const resumed = await save(await loadTicket(handle.db, pending.id), { status: 'open' });
    expect(resumed.slaPausedBusinessMs).toBe(12 * H);
    expect(resumed.slaPausedMs).toBeGreaterThan(12 * H);
    // Two days after today 10:00 is not a holiday: + 12 h → 22:00 UTC that day.
    expect(resumed.resolutionDueAt).toEqual(new Date(dueBefore + 12 * H));
  });

  it('a reopened request keeps its target less the time it spent resolved: no breach at once', async () => {
    // No policy applies (no category, no organization): built-in P3, 72 h round the clock.
    const t = await create(plain, null, MONDAY);
    expect(t.resolutionDueAt).toEqual(new Date(MONDAY.getTime() + 72 * H));
    const saveAt = (ticket: Ticket, patch: Partial<Ticket>, now: Date) =>
      handle.db.transaction((trx) => saveTicket(trx as unknown as Db, ticket, patch, null, now));
    // Resolved after 71 h, reopened ten days later (long past the original due time).
    const resolvedAt = new Date(MONDAY.getTime() + 71 * H);
    const resolved = await saveAt(t, { status: 'resolved', resolvedAt }, resolvedAt);
    const reopenedAt = new Date(MONDAY.getTime() + 10 * 24 * H);
    const reopened = await saveAt(resolved, { status: 'open', resolvedAt: null }, reopenedAt);
    expect(reopened.resolutionDueAt).toEqual(new Date(reopenedAt.getTime() + H));
    expect(reopened.slaPausedMs).toBe(10 * 24 * H - 71 * H);
    // A later recompute from creation (a priority change back and forth) agrees.
    const p2 = await saveAt(reopened, { priority: 2 }, reopenedAt);
    const p3 = await saveAt(p2, { priority: 3 }, reopenedAt);
    expect(p3.resolutionDueAt).toEqual(reopened.resolutionDueAt);
  });

  it('stamps business time to the first response and to the resolution', async () => {
    const t = await create(plain, categoryId);
    // First response Mon 10:30 CET: 1.5 business hours.
    const answered = await save(t, { firstResponseAt: at('2026-11-30T09:30:00Z') });
    expect(answered.firstResponseBusinessMs).toBe(1.5 * H);
    // Resolved Tue 10:00 CET: 8.5 h Monday + 1 h Tuesday.
    const resolved = await save(answered, {
      stage: 'follow_up',
      status: 'resolved',
      resolvedAt: at('2026-12-01T09:00:00Z'),
    });
    expect(resolved.resolutionBusinessMs).toBe(9.5 * H);
  });
});

describe('a policy change recomputes open requests (sla.recompute)', () => {
  it('moves the due times of open requests and leaves resolved ones', async () => {
    const open = await create(plain, categoryId);
    const done = await save(await create(plain, categoryId), {
      stage: 'follow_up',
      status: 'resolved',
      resolvedAt: at('2026-11-30T09:00:00Z'),
    });
    const policy = await one(
      handle.db
        .select()
        .from(slaPolicies)
        .where(eq(slaPolicies.name, `cat ${tag}`)),
    );
    must(
      await saveSlaPolicy(handle.db, admin, {
        id: policy.id,
        name: policy.name,
        priority: '3',
        categoryId,
        organizationId: '',
        calendarId,
        firstResponseHours: '4',
        firstResponseMins: '0',
        resolutionHours: '10',
        resolutionMins: '0',
        warnAtPercent: '',
      }),
    );
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, policy.id));
    expect(audit).toMatchObject({ action: 'sla_policy.updated', after: { firstResponseMinutes: 240 } });
    const result = await recomputeSlaJob(handle.db, { ticketIds: [open.id, done.id] });
    expect(result).toMatchObject({ checked: 1, updated: 1, skipped: 0 });
    const after = await loadTicket(handle.db, open.id);
    // Mon 09:00 + 4 h = 13:00 CET; no warning any more.
    expect(after.firstResponseDueAt).toEqual(at('2026-11-30T12:00:00Z'));
    expect(after.firstResponseWarnAt).toBeNull();
    expect(after.version).toBe(open.version + 1);
    const untouched = await loadTicket(handle.db, done.id);
    expect(untouched.firstResponseDueAt).toEqual(done.firstResponseDueAt);
    expect(untouched.version).toBe(done.version);
  });

  it('refuses a second active policy for the same scope with a field error', async () => {
    const result = await saveSlaPolicy(handle.db, admin, {
      name: 'dup',
      priority: '3',
      categoryId,
      firstResponseHours: '1',
      resolutionHours: '2',
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { priority: [expect.any(String)] } });
    const zero = await saveSlaPolicy(handle.db, admin, { name: 'zero', priority: '4', firstResponseHours: '0' });
    expect(zero).toMatchObject({ ok: false, fieldErrors: { firstResponseHours: [expect.any(String)] } });
  });
});

describe('holiday input', () => {
  it('refuses year 0000 as a field error, not a database error', async () => {
    const result = await addHoliday(handle.db, admin, { calendarId, day: '0000-01-01', name: 'Nowhen' });
    expect(result).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { day: [expect.any(String)] } });
  });
});

describe('targets a calendar cannot reach', () => {
  it('refuses a policy whose target outlasts the calendar (no due time: every matching request would fail)', async () => {
    // Open one minute a week: 10,000 hours of it is thousands of years.
    const calendar = must(
      await saveCalendar(handle.db, admin, { name: `Minute ${tag}`, timeZone: 'UTC', open1: '09:00', close1: '09:01' }),
    );
    const result = await saveSlaPolicy(handle.db, admin, {
      name: `Unreachable ${tag}`,
      priority: '1',
      organizationId,
      calendarId: calendar.id,
      firstResponseHours: '1',
      resolutionHours: '10000',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { resolutionHours: [expect.any(String)] },
    });
  });

  /** A calendar closed every day from 1 Nov 2026 to 31 Dec 2038 (holidays), open weekdays otherwise. */
  async function closedForYears(name: string): Promise<string> {
    const calendar = must(
      await saveCalendar(handle.db, admin, { name, timeZone: 'UTC', open1: '09:00', close1: '17:00' }),
    );
    await handle.db.execute(sql`
      insert into calendar_holidays (calendar_id, day, name)
      select ${calendar.id}::uuid, d::date, 'Closed' from generate_series('2026-11-01'::date, '2038-12-31'::date, '1 day') d`);
    return calendar.id;
  }

  it('refuses a policy when holidays leave no business time for ten years (a field message, not a 500)', async () => {
    const closed = await closedForYears(`Closed ${tag}`);
    const result = await saveSlaPolicy(handle.db, admin, {
      name: `Closed policy ${tag}`,
      priority: '1',
      organizationId,
      calendarId: closed,
      firstResponseHours: '1',
      resolutionHours: '8',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { firstResponseHours: [expect.stringMatching(/no business time .* 10 years/)] },
    });
  });

  it('creates a request without due times when its calendar gained such holidays after the policy was saved', async () => {
    const closed = await closedForYears(`Closed later ${tag}`);
    const category = (
      await one(
        handle.db
          .insert(categories)
          .values({ name: `Closed cat ${tag}` })
          .returning(),
      )
    ).id;
    await handle.db.insert(slaPolicies).values({
      name: `Closed later ${tag}`,
      priority: 3,
      categoryId: category,
      calendarId: closed,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      warnAtPercent: 50,
    });
    const t = await create(plain, category);
    expect(t).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseWarnAt: null,
      resolutionWarnAt: null,
    });
    // Leaving pending shifts nothing that is not there (no exception either).
    const pending = await save(t, { status: 'pending' });
    expect((await save(pending, { status: 'open' })).resolutionDueAt).toBeNull();
  });

  it('refuses shrinking a calendar below the targets of the policies counted in it', async () => {
    const name = `Week ${tag}`;
    const calendar = must(
      await saveCalendar(handle.db, admin, { name, timeZone: 'UTC', open1: '00:00', close1: '24:00' }),
    );
    must(
      await saveSlaPolicy(handle.db, admin, {
        name: `Long ${tag}`,
        priority: '4',
        organizationId,
        calendarId: calendar.id,
        firstResponseHours: '1',
        resolutionHours: '5000',
      }),
    );
    const shrunk = await saveCalendar(handle.db, admin, {
      id: calendar.id,
      name,
      timeZone: 'UTC',
      open1: '09:00',
      close1: '09:01',
    });
    expect(shrunk).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { open1: [expect.any(String)] } });
  });
});

describe('two admins saving one scope at once', () => {
  it('saves one and answers the other with the field error, never a unique violation', async () => {
    const input = (n: number) => ({
      name: `Race ${n} ${tag}`,
      priority: '2',
      organizationId,
      firstResponseHours: '1',
      resolutionHours: '8',
    });
    const results = await Promise.all([
      saveSlaPolicy(handle.db, admin, input(1)),
      saveSlaPolicy(handle.db, admin, input(2)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { priority: [expect.any(String)] },
    });
  });
});

describe('a customer moved into an organization', () => {
  it('gets the organization policy on its open requests (the recompute job is queued)', async () => {
    const [moved] = await handle.db
      .insert(customers)
      .values({ name: 'Moving', email: `moving-${tag}@test.example` })
      .returning();
    const ticket = await create(moved!, null);
    expect(ticket.slaPolicyId).toBeNull();
    must(
      await updateCustomer(handle.db, admin, {
        customerId: moved!.id,
        version: moved!.version,
        name: 'Moving',
        email: moved!.email,
        organization: `Key account ${tag}`,
      }),
    );
    const queued = rowsOf<{ data: RecomputeData }>(
      await handle.db.execute(
        sql`select data from pgboss.job where name = 'sla.recompute' and data->'ticketIds' ? ${ticket.id}`,
      ),
    );
    expect(queued).toHaveLength(1);
    await recomputeSlaJob(handle.db, queued[0]!.data, () => MONDAY);
    expect((await loadTicket(handle.db, ticket.id)).slaPolicyId).toBe(await policyId(`org ${tag}`));
  });
});

describe('two calendars renamed to one name at once', () => {
  it('renames one and answers the other with the field error, never a unique violation', async () => {
    const make = async (name: string) =>
      must(await saveCalendar(handle.db, admin, { name, timeZone: 'UTC', open1: '09:00', close1: '17:00' }));
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await make(`Race A ${tag} ${round}`), await make(`Race B ${tag} ${round}`)];
      const target = `Race ${tag} ${round}`;
      const results = await Promise.all(
        [a, b].map((c) =>
          saveCalendar(handle.db, admin, { id: c.id, name: target, timeZone: 'UTC', open1: '09:00', close1: '17:00' }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { name: [expect.any(String)] },
      });
    }
  });
});
