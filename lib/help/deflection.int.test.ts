import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { deflections, kbArticles, rateLimits } from '@/db/schema';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { makeArticle, uniqueWord } from './deflect-fixtures';
import { MAX_DEFLECTION_QUERY, recordDeflection } from './deflections';
import { getSuggestedArticle, MAX_SUGGESTIONS, suggestArticles } from './suggestions';
import { suggestHelpForTicket } from './ticket-suggestions';

let handle: DbHandle;
const made: string[] = [];
beforeAll(() => {
  handle = testDb();
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

const countOf = async (id: string) =>
  (await handle.db.select().from(kbArticles).where(eq(kbArticles.id, id)))[0]?.deflectionCount;
const rowsOf = (id: string) => handle.db.select().from(deflections).where(eq(deflections.articleId, id));
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe('suggestArticles (while a customer types a request)', () => {
  it('suggests public, published articles only, any word matching', async () => {
    const word = uniqueWord();
    const pub = await article({ title: `Reset ${word} password` });
    await article({ title: `Draft ${word}`, status: 'draft' });
    await article({ title: `Internal ${word}`, audience: 'internal' });
    const hits = must(await suggestArticles(handle.db, { q: `zzunrelatedzz ${word}` }, null));
    expect(hits.map((h) => h.id)).toEqual([pub.id]);
    expect(hits[0]).toEqual({ id: pub.id, slug: pub.slug, title: pub.title, summary: null });
  });

  it('ranks the chosen category first and answers at most five', async () => {
    const word = uniqueWord();
    const { categoryId } = await makeTeamAndCategory(handle.db);
    // Elsewhere: the title matches (ranks higher on words); in the category: only the body does.
    for (let i = 0; i < 6; i++) await article({ title: `${word} elsewhere ${i}`, summary: word });
    const inCategory = await article({ title: 'Category article', body: `mentions ${word} once`, categoryId });
    const plain = must(await suggestArticles(handle.db, { q: word }, null));
    expect(plain).toHaveLength(MAX_SUGGESTIONS);
    expect(plain.map((h) => h.id)).not.toContain(inCategory.id);
    const withCategory = must(await suggestArticles(handle.db, { q: word, category: categoryId }, null));
    expect(withCategory[0]?.id).toBe(inCategory.id);
    expect(withCategory).toHaveLength(MAX_SUGGESTIONS);
  });

  it('answers nothing for an empty question and refuses oversized, NUL and malformed input', async () => {
    expect(must(await suggestArticles(handle.db, { q: '' }, null))).toEqual([]);
    expect(must(await suggestArticles(handle.db, {}, null))).toEqual([]);
    for (const bad of [
      { q: 'x'.repeat(1001) },
      { q: 'refund\0' },
      { q: 'refund', category: 'not-a-uuid' },
      { q: 42 },
    ]) {
      const result = await suggestArticles(handle.db, bad, null);
      expect(result.ok ? 'ok' : result.code).toBe('invalid');
    }
  });

  it('is rate-limited per address', async () => {
    const address = ip();
    await handle.db.insert(rateLimits).values({ key: `help-lookup:ip:${address}`, hits: 300, windowStart: new Date() });
    const refused = await suggestArticles(handle.db, { q: 'refund' }, address);
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(must(await suggestArticles(handle.db, { q: 'refund' }, ip()))).toBeInstanceOf(Array);
  });
});

describe('getSuggestedArticle', () => {
  it('renders a public article sanitized and hides drafts and procedures', async () => {
    const pub = await article({
      body: '# Steps\n\n<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))',
    });
    const shown = must(await getSuggestedArticle(handle.db, pub.id, null));
    expect(shown.html).toContain('<h1>Steps</h1>');
    expect(shown.html).not.toMatch(/<script|onerror|href="javascript/);
    expect(shown.path).toBe(`/help/${pub.slug}`);
    const draft = await article({ status: 'draft' });
    const internal = await article({ audience: 'internal' });
    for (const id of [draft.id, internal.id, randomUUID(), 'nope', "1' or 1=1"]) {
      const result = await getSuggestedArticle(handle.db, id, null);
      expect(result.ok ? 'ok' : result.code).toBe('not_found');
    }
  });
});

describe('recordDeflection', () => {
  it('counts one deflection: a row with the customer and the question, and the article counter, together', async () => {
    const customer = await makeCustomer(handle.db);
    const a = await article();
    const first = must(
      await recordDeflection(handle.db, customer, { articleId: a.id, query: '  Where is\n my refund? ' }, ip()),
    );
    expect(first.articleId).toBe(a.id);
    must(await recordDeflection(handle.db, null, { articleId: a.id }, ip()));
    expect(await countOf(a.id)).toBe(2);
    const rows = await rowsOf(a.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === first.id)).toMatchObject({
      customerId: customer.customerId,
      query: 'Where is my refund?',
    });
    expect(rows.find((r) => r.id !== first.id)).toMatchObject({ customerId: null, query: null });
  });

  it('refuses drafts, internal procedures and unknown articles, storing nothing', async () => {
    const draft = await article({ status: 'draft' });
    const internal = await article({ audience: 'internal' });
    for (const id of [draft.id, internal.id, randomUUID()]) {
      const result = await recordDeflection(handle.db, null, { articleId: id, query: 'q' }, ip());
      expect(result.ok ? 'ok' : result.code).toBe('not_found');
    }
    expect(await countOf(draft.id)).toBe(0);
    expect(await countOf(internal.id)).toBe(0);
    expect(await rowsOf(draft.id)).toHaveLength(0);
    expect(await rowsOf(internal.id)).toHaveLength(0);
  });

  it('keeps a hostile question as inert text: NUL bytes dropped, cut to the cap; absurd lengths and bad ids are invalid', async () => {
    const a = await article();
    const nul = must(
      await recordDeflection(handle.db, null, { articleId: a.id, query: 'card\0 declined\u0007' }, ip()),
    );
    const long = must(await recordDeflection(handle.db, null, { articleId: a.id, query: 'é'.repeat(5000) }, ip()));
    const blank = must(await recordDeflection(handle.db, null, { articleId: a.id, query: ' \0 ' }, ip()));
    const rows = new Map((await rowsOf(a.id)).map((r) => [r.id, r.query]));
    expect(rows.get(nul.id)).toBe('card declined');
    expect(rows.get(long.id)).toBe('é'.repeat(MAX_DEFLECTION_QUERY));
    expect(rows.get(blank.id)).toBeNull();
    for (const bad of [
      { articleId: a.id, query: 'x'.repeat(10_001) },
      { articleId: 'nope' },
      { articleId: a.id, query: 7 },
      null,
      'text',
    ]) {
      const result = await recordDeflection(handle.db, null, bad, ip());
      expect(result.ok ? 'ok' : result.code).toBe('invalid');
    }
    expect(await countOf(a.id)).toBe(3);
  });

  it('refuses staff, and limits per account and per address', async () => {
    const a = await article();
    const agent = await makeStaff(handle.db, 'agent');
    expect(await recordDeflection(handle.db, agent, { articleId: a.id }, ip())).toMatchObject({ code: 'forbidden' });
    const customer = await makeCustomer(handle.db);
    for (let i = 0; i < 10; i++) must(await recordDeflection(handle.db, customer, { articleId: a.id }, ip()));
    expect(await recordDeflection(handle.db, customer, { articleId: a.id }, ip())).toMatchObject({
      code: 'rate_limited',
    });
    const address = ip();
    for (let i = 0; i < 20; i++) must(await recordDeflection(handle.db, null, { articleId: a.id }, address));
    expect(await recordDeflection(handle.db, null, { articleId: a.id }, address)).toMatchObject({
      code: 'rate_limited',
    });
    expect(await countOf(a.id)).toBe(30);
  });
});

describe('suggestHelpForTicket (the agent ticket page)', () => {
  it('lists the category first, then words; procedures without a customer link; no drafts', async () => {
    const word = uniqueWord();
    const { categoryId } = await makeTeamAndCategory(handle.db);
    const agent = await makeStaff(handle.db, 'agent');
    const wordsElsewhere = await article({ title: `${word} ${word} guide` });
    const categoryAndWords = await article({ title: `Procedure ${word}`, audience: 'internal', categoryId });
    const categoryOnly = await article({ title: 'Category basics', slug: `cat-${word}`, categoryId });
    await article({ title: `Draft ${word}`, status: 'draft', categoryId });
    await article({ title: 'Draft in category', status: 'draft', categoryId });
    const items = must(
      await suggestHelpForTicket(handle.db, agent, { subject: word, description: `${word}\0 <b>`, categoryId }),
    );
    expect(items.map((i) => i.id)).toEqual([categoryAndWords.id, categoryOnly.id, wordsElsewhere.id]);
    expect(items[0]).toMatchObject({ audience: 'internal', inCategory: true, publicUrl: null });
    expect(items[1]?.publicUrl).toMatch(new RegExp(`/help/cat-${word}$`));
    expect(items[2]).toMatchObject({ inCategory: false });
    expect(items[2]?.html).toContain('<p>');
  });

  it('is for staff only', async () => {
    const customer = await makeCustomer(handle.db);
    const result = await suggestHelpForTicket(handle.db, customer, {
      subject: 'x',
      description: 'y',
      categoryId: null,
    });
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
