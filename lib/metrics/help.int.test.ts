import { and, gte, inArray, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { deflections, kbArticles, ticketEvents } from '@/db/schema';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeArticle } from '@/lib/help/deflect-fixtures';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { getHelpFigures, getLeadHelpFigures } from './help';

// A period no other test writes into: Monday 6 to Monday 20 January 2031 (two UTC weeks).
const PERIOD = { from: new Date('2031-01-06T00:00:00Z'), to: new Date('2031-01-20T00:00:00Z') };
const at = (iso: string) => new Date(iso);

let handle: DbHandle;
const made: string[] = [];
beforeAll(async () => {
  handle = testDb();
  // A rerun starts from an empty period (rows of deleted articles outlive them, by design).
  await handle.db
    .delete(deflections)
    .where(
      and(
        gte(deflections.createdAt, at('2031-01-01T00:00:00Z')),
        lt(deflections.createdAt, at('2031-02-01T00:00:00Z')),
      ),
    );
  await handle.db
    .delete(ticketEvents)
    .where(
      and(
        gte(ticketEvents.createdAt, at('2031-01-01T00:00:00Z')),
        lt(ticketEvents.createdAt, at('2031-02-01T00:00:00Z')),
      ),
    );
});
afterAll(async () => {
  if (made.length) await handle.db.delete(kbArticles).where(inArray(kbArticles.id, made));
  await handle.close();
});

async function article(values: Parameters<typeof makeArticle>[1] = {}) {
  const a = await makeArticle(handle.db, values);
  made.push(a.id);
  return a;
}

describe('the help figures on the lead dashboard', () => {
  it('counts deflections in the period, week by week, and ranks the articles that deflected', async () => {
    const often = await article({ title: 'Often deflects' });
    const once = await article({ title: 'Deflects once' });
    await handle.db.insert(deflections).values([
      { articleId: often.id, createdAt: at('2031-01-06T00:00:00Z') }, // first instant: in
      { articleId: often.id, createdAt: at('2031-01-09T12:00:00Z') },
      { articleId: once.id, createdAt: at('2031-01-19T23:59:59Z') },
      { articleId: often.id, createdAt: at('2031-01-14T08:00:00Z') },
      { articleId: once.id, createdAt: at('2031-01-20T00:00:00Z') }, // the end is excluded
      { articleId: often.id, createdAt: at('2031-01-05T23:59:59Z') }, // before: out
      { articleId: null, createdAt: at('2031-01-15T00:00:00Z') }, // article since deleted: counted, not ranked
    ]);
    const figures = await getHelpFigures(handle.db, PERIOD);
    expect(figures.deflected).toBe(5);
    expect(figures.weekly).toEqual([
      { week: '2031-01-06', deflected: 2 },
      { week: '2031-01-13', deflected: 3 },
    ]);
    expect(figures.topArticles.map((a) => [a.title, a.deflected])).toEqual([
      ['Often deflects', 3],
      ['Deflects once', 1],
    ]);
    expect(figures.webRequests).toBe(0);
    expect(figures.deflectionShare).toBe(1);
  });

  it('counts requests the customer cancelled in the period, apart from everything else', async () => {
    const customer = await makeCustomer(handle.db, 'Cancelling Customer');
    const ticket = must(await submitRequest(handle.db, customer, { subject: 'Never mind', description: 'Sorted.' }));
    await handle.db.insert(ticketEvents).values([
      { ticketId: ticket.id, type: 'cancelled', createdAt: at('2031-01-08T10:00:00Z') },
      { ticketId: ticket.id, type: 'cancelled', createdAt: at('2031-01-21T10:00:00Z') }, // after: out
      { ticketId: ticket.id, type: 'closed', createdAt: at('2031-01-08T10:00:00Z') }, // not a cancellation
    ]);
    expect((await getHelpFigures(handle.db, PERIOD)).cancelled).toBe(1);
  });

  it('rates articles by their votes and names the least helpful with enough votes', async () => {
    const loved = await article({ title: 'Loved', helpfulCount: 90_000, notHelpfulCount: 10_000 });
    const poor = await article({ title: 'Poor', helpfulCount: 1, notHelpfulCount: 80_000 });
    const fewVotes = await article({ title: 'Too few votes', helpfulCount: 0, notHelpfulCount: 2 });
    const figures = await getHelpFigures(handle.db, PERIOD);
    const loves = figures.ratings.find((r) => r.id === loved.id);
    expect(loves).toMatchObject({ helpful: 90_000, notHelpful: 10_000, helpfulShare: 0.9 });
    expect(figures.ratings.map((r) => r.id).slice(0, 2)).toEqual([loved.id, poor.id]);
    expect(figures.leastHelpful[0]?.id).toBe(poor.id);
    expect(figures.leastHelpful.map((r) => r.id)).not.toContain(fewVotes.id);
  });

  it('is for leads and admins', async () => {
    const lead = await makeStaff(handle.db, 'lead');
    expect(must(await getLeadHelpFigures(handle.db, lead, PERIOD)).weekly).toHaveLength(2);
    for (const actor of [await makeStaff(handle.db, 'agent'), await makeCustomer(handle.db)])
      expect(await getLeadHelpFigures(handle.db, actor, PERIOD)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
