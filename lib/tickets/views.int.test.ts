import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { tagTicket } from './tags';
import { countView, listSavedViews, listView, saveView, viewFiltersSchema } from './views';

let handle: DbHandle;
let agent: Actor;
let teammate: Actor;
let outsider: Actor;
let customer: Actor;
let teamId: string;
const tag = `v${Date.now().toString(36)}`;

beforeAll(async () => {
  handle = testDb();
  ({ teamId } = await makeTeamAndCategory(handle.db));
  agent = await makeStaff(handle.db, 'agent', teamId);
  teammate = await makeStaff(handle.db, 'agent', teamId);
  outsider = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db, 'Views Customer');
  for (let i = 0; i < 7; i++) {
    const r = await submitRequest(handle.db, customer, { subject: `View ticket ${i}`, description: 'x' });
    if (!r.ok) throw new Error(r.message);
    await tagTicket(handle.db, agent, { number: r.data.number, add: tag });
  }
});
afterAll(() => handle.close());

const filters = (raw: Record<string, unknown>) => viewFiltersSchema.parse(raw);

describe('views', () => {
  it('filters by tag and status and walks every page of each sort exactly once', async () => {
    for (const sort of ['priority', 'age', 'due', 'updated'] as const) {
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await listView(handle.db, agent, filters({ tag, status: 'new', sort }), after, 3);
        seen.push(...page.rows.map((r) => r.number));
        after = page.next ?? undefined;
      } while (after);
      expect(seen, sort).toHaveLength(7);
      expect(new Set(seen).size, sort).toBe(7);
    }
    const updated = await listView(handle.db, agent, filters({ tag, sort: 'updated' }));
    const times = updated.rows.map((r) => r.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await listView(handle.db, agent, filters({ tag, exception: 'yes' }))).rows).toEqual([]);
    expect((await listView(handle.db, agent, filters({ tag, status: ['pending', 'closed'] }))).rows).toEqual([]);
  });

  it('gives the same pages whether it walks the sort index (many match) or sorts the few that match', async () => {
    for (const sort of ['priority', 'age', 'due', 'updated'] as const) {
      const pages = async (countCap: number) => {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await listView(handle.db, agent, filters({ tag, sort }), after, 2, { countCap });
          seen.push(...page.rows.map((r) => `${r.number}`));
          after = page.next ?? undefined;
        } while (after);
        return seen;
      };
      const sparse = await pages(1000);
      expect(sparse, sort).toHaveLength(7);
      expect(await pages(3), sort).toEqual(sparse);
    }
    // The count stops one past its cap: the page says "3+" rather than counting on.
    expect(await countView(handle.db, agent, filters({ tag }), 3)).toBe(4);
    expect((await listView(handle.db, agent, filters({ tag }))).total).toBe(7);
  });

  it('saves personal and team views, each with its count, visible to the right people', async () => {
    const personal = await saveView(handle.db, agent, { name: 'My tagged', filters: { tag } });
    const team = await saveView(handle.db, agent, { name: 'Team tagged', teamId, filters: { tag, sort: 'age' } });
    if (!personal.ok || !team.ok) throw new Error('not saved');
    const mine = await listSavedViews(handle.db, agent);
    expect(
      mine.filter((v) => v.id === personal.data.id || v.id === team.data.id).map((v) => [v.name, v.count]),
    ).toEqual([
      ['My tagged', 7],
      ['Team tagged', 7],
    ]);
    const theirs = (await listSavedViews(handle.db, teammate)).map((v) => v.id);
    expect(theirs).toContain(team.data.id);
    expect(theirs).not.toContain(personal.data.id);
    expect(await saveView(handle.db, outsider, { name: 'Sneaky', teamId, filters: {} })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await saveView(handle.db, agent, { name: '', filters: {} })).toMatchObject({
      ok: false,
      fieldErrors: { name: ['Name the view.'] },
    });
  });
});

describe('view filters from a form', () => {
  it('treats the form’s “Any” choices as no filter, and keeps the ones given', () => {
    const parsed = viewFiltersSchema.parse({
      status: 'on_hold',
      priority: '',
      channel: '',
      exception: 'yes',
      tag: '',
      sort: 'due',
      dueBefore: '',
    });
    expect(parsed).toMatchObject({ status: ['on_hold'], exception: 'yes', sort: 'due' });
    expect(parsed.priority).toBeUndefined();
    expect(parsed.channel).toBeUndefined();
    expect(viewFiltersSchema.parse({ status: ['new', 'open'] }).status).toEqual(['new', 'open']);
  });
});

describe('drill-down filters from a URL', () => {
  it('refuses an SLA moment in year 0000 (PostgreSQL has none) instead of failing the query', async () => {
    const parsed = viewFiltersSchema.safeParse({ sla: 'missed', slaAt: '0000-01-01T00:00:00Z' });
    expect(parsed.success).toBe(false);
    // A moment PostgreSQL can hold still counts.
    const fine = filters({ tag, sla: 'missed', slaAt: '0001-01-01T00:00:00Z' });
    expect(await countView(handle.db, agent, fine)).toBe(0);
  });
});
