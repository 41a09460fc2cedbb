import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { kbArticleRevisions, kbArticles, kbArticleVotes, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { seedDemo } from '@/lib/seed/demo';
import { getArticleForReader } from './get-article';
import { listHelpCentre } from './list-articles';
import { searchArticles } from './search-articles';

const LONG = 180_000;

/** The demo's help centre, seeded into a PGlite of its own, searched as customers and agents do. */
describe('the seeded help centre', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    await seedDemo(handle.db, { now: new Date('2026-03-02T09:00:00Z'), tickets: 60 });
  }, LONG);
  afterAll(async () => handle?.close());

  const top = async (q: string, audience: 'public' | 'staff' = 'public', mode: 'all' | 'any' = 'all') =>
    (await searchArticles(handle.db, { q, audience, mode, limit: 5 })).map((h) => h.slug);

  it('finds the public article for the words of common requests', async () => {
    expect((await top('password reset'))[0]).toBe('reset-your-password');
    expect((await top('forgot my password cannot log in', 'public', 'any'))[0]).toBe('reset-your-password');
    expect(await top('VAT invoice')).toContain('download-an-invoice-or-vat-invoice');
    expect(await top('card payment failed')).toContain('card-payment-failed-but-money-left-my-account');
    expect(await top('refund', 'public')).toEqual(expect.arrayContaining(['when-will-my-refund-arrive']));
    expect(await top('parcel delivered not received')).toContain('parcel-marked-delivered-but-not-received');
    expect(await top('return label')).toContain('return-label-does-not-work');
  });

  it('keeps procedures and drafts out of public search, and gives procedures to staff', async () => {
    for (const q of ['refund', 'login', 'card payments', 'close account'])
      for (const slug of await top(q))
        expect(slug).not.toMatch(/^(sop-|troubleshooting-|escalation-|close-your-account)/);
    expect(await top('refund original payment method', 'staff')).toContain('sop-issuing-a-refund');
    expect(await top('card payments incident', 'staff')).toContain('escalation-path-payment-incidents');
    expect(await getArticleForReader(handle.db, null, 'sop-issuing-a-refund')).toBeNull();
    expect(await getArticleForReader(handle.db, null, 'close-your-account')).toBeNull();
    const [agent] = await handle.db.select().from(users).where(eq(users.email, 'agent@demo.test'));
    const actor: Actor = { userId: agent!.id, role: 'agent', name: agent!.name, email: agent!.email, customerId: null };
    expect(await getArticleForReader(handle.db, actor, 'sop-issuing-a-refund')).toMatchObject({ audience: 'internal' });
  });

  it('is consistent: counters equal the votes, version equals the newest revision, most helpful first', async () => {
    const rows = await handle.db.execute<{ bad: number }>(sql`
      select count(*)::int as bad from ${kbArticles} a
      where a.helpful_count <> (select count(*) from ${kbArticleVotes} v where v.article_id = a.id and v.helpful)
         or a.not_helpful_count <> (select count(*) from ${kbArticleVotes} v where v.article_id = a.id and not v.helpful)
         or a.version <> (select max(version) from ${kbArticleRevisions} r where r.article_id = a.id)
         or (a.status = 'published') <> (a.published_at is not null)`);
    expect(rowsOf<{ bad: number }>(rows)).toEqual([{ bad: 0 }]);
    const articles = await handle.db.select().from(kbArticles);
    expect(articles.filter((a) => a.audience === 'public' && a.status === 'published').length).toBeGreaterThanOrEqual(
      12,
    );
    expect(articles.filter((a) => a.audience === 'internal').length).toBeGreaterThanOrEqual(5);
    expect(articles.some((a) => a.status === 'draft')).toBe(true);
    expect(articles.filter((a) => a.version >= 3).length).toBeGreaterThanOrEqual(3);

    const login = (await listHelpCentre(handle.db)).find((s) => s.name === 'Login & access');
    expect(login?.articles[0]?.slug).toBe('reset-your-password');
  });
});
