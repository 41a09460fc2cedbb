import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { kbArticles, kbArticleVotes } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { LIMITS } from '@/lib/rate-limit/rate-limit';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { createArticle } from './create-article';
import { publishArticle } from './publish-article';
import { previousVote, voteOnArticle, voterKey, type Voter } from './vote-article';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;

beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db);
});
afterAll(() => handle.close());

const anonId = () => randomBytes(18).toString('base64url');
const someIp = () => `203.0.113.${Math.floor(Math.random() * 250)}-${anonId().slice(0, 6)}`;
const anonymous = (ip = someIp()): Voter => ({ actor: null, anonymousId: anonId(), ip });

async function article(audience: 'public' | 'internal' = 'public', publish = true) {
  const a = must(await createArticle(handle.db, agent, { title: `Vote ${anonId()}`, body: 'x', audience }));
  return publish ? must(await publishArticle(handle.db, agent, { id: a.id, version: 1 })) : a;
}

async function counts(id: string) {
  const [row] = await handle.db
    .select({ helpful: kbArticles.helpfulCount, notHelpful: kbArticles.notHelpfulCount })
    .from(kbArticles)
    .where(eq(kbArticles.id, id));
  const [votes] = await handle.db
    .select({
      helpful: sql<number>`count(*) filter (where ${kbArticleVotes.helpful})::int`,
      notHelpful: sql<number>`count(*) filter (where not ${kbArticleVotes.helpful})::int`,
    })
    .from(kbArticleVotes)
    .where(eq(kbArticleVotes.articleId, id));
  // The counters and the votes table never disagree.
  expect(row).toEqual(votes);
  return row;
}

describe('was this helpful?', () => {
  it('counts one vote per voter; a change of mind moves it; the same vote again counts nothing', async () => {
    const a = await article();
    const visitor = anonymous();
    expect(must(await voteOnArticle(handle.db, visitor, { articleId: a.id, helpful: 'yes' }))).toMatchObject({
      helpfulCount: 1,
      notHelpfulCount: 0,
      changed: true,
    });
    expect(must(await voteOnArticle(handle.db, visitor, { articleId: a.id, helpful: 'yes' }))).toMatchObject({
      helpfulCount: 1,
      changed: false,
    });
    expect(must(await voteOnArticle(handle.db, visitor, { articleId: a.id, helpful: 'no' }))).toMatchObject({
      helpfulCount: 0,
      notHelpfulCount: 1,
    });
    must(
      await voteOnArticle(
        handle.db,
        { actor: customer, anonymousId: null, ip: null },
        { articleId: a.id, helpful: 'yes' },
      ),
    );
    must(
      await voteOnArticle(
        handle.db,
        { actor: agent, anonymousId: anonId(), ip: null },
        { articleId: a.id, helpful: 'yes' },
      ),
    );
    expect(await counts(a.id)).toEqual({ helpful: 2, notHelpful: 1 });
    expect(await previousVote(handle.db, a.id, voterKey(visitor))).toBe(false);
    expect(await previousVote(handle.db, a.id, `u:${agent.userId}`)).toBe(true);
    expect(await previousVote(handle.db, a.id, voterKey(anonymous()))).toBeNull();
  });

  it('stays exact when many vote and change their minds at once', async () => {
    const a = await article();
    const voters = Array.from({ length: 12 }, () => anonymous());
    await Promise.all(
      voters.map((v, i) => voteOnArticle(handle.db, v, { articleId: a.id, helpful: i % 3 ? 'yes' : 'no' })),
    );
    await Promise.all(voters.map((v) => voteOnArticle(handle.db, v, { articleId: a.id, helpful: 'yes' })));
    expect(await counts(a.id)).toEqual({ helpful: 12, notHelpful: 0 });
  });

  it('only on articles the voter may read: drafts and procedures are not found to the public', async () => {
    const draft = await article('public', false);
    const procedure = await article('internal');
    for (const a of [draft, procedure]) {
      expect(await voteOnArticle(handle.db, anonymous(), { articleId: a.id, helpful: 'yes' })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
      expect(
        await voteOnArticle(
          handle.db,
          { actor: customer, anonymousId: null, ip: null },
          { articleId: a.id, helpful: 'no' },
        ),
      ).toMatchObject({ code: 'not_found' });
      await counts(a.id);
    }
    must(
      await voteOnArticle(
        handle.db,
        { actor: agent, anonymousId: null, ip: null },
        { articleId: procedure.id, helpful: 'yes' },
      ),
    );
    expect(await counts(procedure.id)).toEqual({ helpful: 1, notHelpful: 0 });
  });

  it('refuses bad input and a missing cookie with a message, counting nothing', async () => {
    const a = await article();
    expect(await voteOnArticle(handle.db, anonymous(), { articleId: a.id, helpful: 'maybe' })).toMatchObject({
      code: 'invalid',
      fieldErrors: { helpful: ['Choose yes or no.'] },
    });
    expect(await voteOnArticle(handle.db, anonymous(), { articleId: 'x\u0000', helpful: 'yes' })).toMatchObject({
      code: 'invalid',
    });
    for (const anonymousId of [null, 'short', 'a'.repeat(65), 'has spaces in it and more than 22'])
      expect(
        await voteOnArticle(handle.db, { actor: null, anonymousId, ip: null }, { articleId: a.id, helpful: 'yes' }),
      ).toMatchObject({
        code: 'invalid',
      });
    expect(await counts(a.id)).toEqual({ helpful: 0, notHelpful: 0 });
  });

  it('limits signed-out votes per address, not signed-in ones', async () => {
    const a = await article();
    const ip = someIp();
    for (let i = 0; i < LIMITS.voteIp.max; i++)
      must(await voteOnArticle(handle.db, anonymous(ip), { articleId: a.id, helpful: 'yes' }));
    const refused = await voteOnArticle(handle.db, anonymous(ip), { articleId: a.id, helpful: 'yes' });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!refused.ok) expect(refused.retryAfter).toBeGreaterThan(0);
    must(
      await voteOnArticle(handle.db, { actor: customer, anonymousId: null, ip }, { articleId: a.id, helpful: 'yes' }),
    );
    expect(await counts(a.id)).toEqual({ helpful: LIMITS.voteIp.max + 1, notHelpful: 0 });
  });
});
