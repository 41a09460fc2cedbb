import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { kbArticles, rateLimits } from '@/db/schema';
import { makeArticle, uniqueWord } from '@/lib/help/deflect-fixtures';
import { POST as postDeflection } from './deflections/route';
import { GET as getArticle } from './suggestions/[id]/route';
import { GET as getSuggestions } from './suggestions/route';

const made: string[] = [];
afterAll(async () => {
  if (made.length) await getDb().delete(kbArticles).where(inArray(kbArticles.id, made));
});

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}`;
const suggest = (query: string, ip = address()) =>
  getSuggestions(
    new NextRequest(`http://localhost/api/v1/help/suggestions?${query}`, { headers: { 'x-forwarded-for': ip } }),
  );
const read = (id: string) =>
  getArticle(new NextRequest(`http://localhost/api/v1/help/suggestions/${id}`), { params: Promise.resolve({ id }) });
const deflect = (body: BodyInit, type = 'application/json') =>
  postDeflection(
    new Request('http://localhost/api/v1/help/deflections', {
      method: 'POST',
      body,
      headers: { 'content-type': type, 'x-forwarded-for': address() },
    }),
  );

describe('GET /api/v1/help/suggestions', () => {
  it('answers public published suggestions as JSON', async () => {
    const word = uniqueWord();
    const article = await makeArticle(getDb(), { title: `Refund ${word}`, summary: 's'.repeat(400) });
    const draft = await makeArticle(getDb(), { title: `Draft ${word}`, status: 'draft' });
    made.push(article.id, draft.id);
    const response = await suggest(new URLSearchParams({ q: word, category: '' }).toString());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { suggestions: { id: string; summary: string }[] };
    expect(body.suggestions.map((s) => s.id)).toEqual([article.id]);
    expect(body.suggestions[0]?.summary.length).toBeLessThanOrEqual(200);
  });

  it('answers 400 with a code for an oversized or NUL query and a malformed category, never a 500', async () => {
    for (const query of [
      new URLSearchParams({ q: 'x'.repeat(1001) }),
      new URLSearchParams({ q: 'refund\0' }),
      new URLSearchParams({ q: 'refund', category: "1' or '1'='1" }),
    ]) {
      const response = await suggest(query.toString());
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid', message: expect.any(String) });
    }
  });

  it('answers 429 with Retry-After once an address has asked too often', async () => {
    const ip = address() + `-${randomUUID().slice(0, 4)}`;
    await getDb()
      .insert(rateLimits)
      .values({ key: `help-lookup:ip:${ip}`, hits: 300, windowStart: new Date() });
    const response = await suggest('q=refund', ip);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: 'rate_limited' });
  });
});

describe('GET /api/v1/help/suggestions/:id', () => {
  it('answers the rendered article, and 404 for drafts, procedures and nonsense', async () => {
    const article = await makeArticle(getDb(), { body: 'Hello <script>alert(1)</script>**there**' });
    const internal = await makeArticle(getDb(), { audience: 'internal' });
    made.push(article.id, internal.id);
    const response = await read(article.id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { html: string };
    expect(body.html).toContain('<strong>there</strong>');
    expect(body.html).not.toContain('<script');
    for (const id of [internal.id, randomUUID(), 'x'.repeat(5000)]) {
      const missing = await read(id);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: 'not_found' });
    }
  });
});

describe('POST /api/v1/help/deflections (bad input)', () => {
  it('takes JSON only, refuses malformed JSON and bodies over the limit', async () => {
    const notJson = await deflect('articleId=x', 'application/x-www-form-urlencoded');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid' });
    const malformed = await deflect('{"articleId":');
    expect(malformed.status).toBe(400);
    const huge = await deflect(JSON.stringify({ articleId: randomUUID(), query: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'too_large' });
  });
});
