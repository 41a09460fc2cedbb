import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { categories, kbArticleRevisions, kbArticles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { createArticle } from './create-article';
import { getArticleForEditing, getArticleForReader, relatedArticles } from './get-article';
import { listArticles, listHelpCentre } from './list-articles';
import { MAX_MARKDOWN } from './markdown';
import { previewArticle } from './preview-article';
import { publishArticle, unpublishArticle } from './publish-article';
import { restoreRevision } from './restore-revision';
import { getRevision, listRevisions } from './revisions';
import { updateArticle } from './update-article';

let handle: DbHandle;
let agent: Actor;
let lead: Actor;
let customer: Actor;
let categoryId: string;
let retiredId: string;

const tag = () => Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  handle = testDb();
  ({ categoryId } = await makeTeamAndCategory(handle.db));
  ({ categoryId: retiredId } = await makeTeamAndCategory(handle.db));
  await handle.db.update(categories).set({ retiredAt: new Date() }).where(eq(categories.id, retiredId));
  agent = await makeStaff(handle.db, 'agent');
  lead = await makeStaff(handle.db, 'lead');
  customer = await makeCustomer(handle.db);
});
afterAll(() => handle.close());

const revisions = (id: string) =>
  handle.db
    .select()
    .from(kbArticleRevisions)
    .where(eq(kbArticleRevisions.articleId, id))
    .orderBy(kbArticleRevisions.version);

describe('writing articles', () => {
  it('creates a draft at version 1 with its first revision, the address made from the title', async () => {
    const t = tag();
    const article = must(
      await createArticle(handle.db, agent, {
        title: `  Reset your password ${t}? `,
        summary: 'Get back in when you forgot it.',
        body: '# Steps\n\n1. Open **Sign in**',
        audience: 'public',
        categoryId,
        note: 'First draft',
      }),
    );
    expect(article).toMatchObject({
      slug: `reset-your-password-${t}`,
      title: `Reset your password ${t}?`,
      status: 'draft',
      version: 1,
      authorId: agent.userId,
      publishedAt: null,
    });
    expect(await revisions(article.id)).toMatchObject([{ version: 1, note: 'First draft', editorId: agent.userId }]);

    // The same title again gets a free suffix; a typed address that is taken is a field error.
    const second = must(await createArticle(handle.db, lead, { title: `Reset your password ${t}`, body: 'x' }));
    expect(second.slug).toBe(`reset-your-password-${t}-2`);
    const taken = await createArticle(handle.db, lead, { title: 'Other', slug: article.slug, body: 'x' });
    expect(taken).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { slug: [expect.stringMatching(/already/)] },
    });
  });

  it('gives concurrent articles with one title distinct addresses, none refused', async () => {
    const title = `Delivery delays ${tag()}`;
    const made = await Promise.all(
      Array.from({ length: 10 }, () => createArticle(handle.db, agent, { title, body: 'x' })),
    );
    const slugs = made.map((r) => must(r).slug).sort();
    expect(new Set(slugs).size).toBe(10);
    expect(slugs).toContain(slugs.find((s) => !/-\d+$/.test(s)));
  });

  it('refuses customers and signed-out callers as if there were nothing to write to', async () => {
    for (const who of [customer, null]) {
      expect(await createArticle(handle.db, who, { title: 'Nope', body: 'x' })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
      expect(previewArticle(who, { body: 'x' })).toMatchObject({ ok: false, code: 'not_found' });
    }
    const [none] = await handle.db.select().from(kbArticles).where(eq(kbArticles.title, 'Nope'));
    expect(none).toBeUndefined();
  });

  it('validates every field with a message beside it, NUL bytes included, and saves nothing', async () => {
    const bad = await createArticle(handle.db, agent, {
      title: 'x'.repeat(201),
      slug: 'Not A Slug!',
      summary: 'y'.repeat(301),
      body: 'z'.repeat(MAX_MARKDOWN + 1),
      audience: 'everyone',
      categoryId: 'not-a-uuid',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(
        ['audience', 'body', 'categoryId', 'slug', 'summary', 'title'].sort(),
      );
    const nul = await createArticle(handle.db, agent, { title: 'Has\u0000NUL', summary: 'a\u0000', body: 'b\u0000' });
    expect(nul).toMatchObject({
      ok: false,
      fieldErrors: {
        title: [expect.stringMatching(/invalid characters/)],
        summary: [expect.stringMatching(/invalid characters/)],
        body: [expect.stringMatching(/invalid characters/)],
      },
    });
    expect(await createArticle(handle.db, agent, { title: 'Empty', body: '   ' })).toMatchObject({
      fieldErrors: { body: ['Write the article.'] },
    });
    expect(await createArticle(handle.db, agent, { title: 'Retired', body: 'x', categoryId: retiredId })).toMatchObject(
      {
        fieldErrors: { categoryId: [expect.stringMatching(/retired/)] },
      },
    );
  });

  it('saves edits as new versions with notes, refuses a stale version, and keeps the address unless changed', async () => {
    const article = must(await createArticle(handle.db, agent, { title: `Refund times ${tag()}`, body: 'v1' }));
    const saved = must(
      await updateArticle(handle.db, lead, {
        id: article.id,
        version: 1,
        title: article.title,
        slug: '',
        body: 'v2',
        audience: 'internal',
        categoryId,
        note: 'Clarified',
      }),
    );
    expect(saved).toMatchObject({
      changed: true,
      article: { version: 2, body: 'v2', slug: article.slug, updatedBy: lead.userId },
    });

    // Agent still holds version 1: refused, nothing written.
    const stale = await updateArticle(handle.db, agent, {
      id: article.id,
      version: 1,
      title: 'Mine',
      body: 'v2-agent',
    });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect(await revisions(article.id)).toHaveLength(2);

    // An unchanged save writes nothing.
    const same = must(
      await updateArticle(handle.db, lead, {
        id: article.id,
        version: 2,
        title: article.title,
        body: 'v2',
        audience: 'internal',
        categoryId,
      }),
    );
    expect(same).toMatchObject({ changed: false, article: { version: 2 } });

    const renamed = must(
      await updateArticle(handle.db, lead, {
        id: article.id,
        version: 2,
        title: article.title,
        slug: `refunds-${tag()}`,
        body: 'v3',
        audience: 'internal',
        categoryId,
      }),
    );
    expect(renamed.article.slug).toMatch(/^refunds-/);
    expect((await revisions(article.id)).map((r) => [r.version, r.body, r.note])).toEqual([
      [1, 'v1', null],
      [2, 'v2', 'Clarified'],
      [3, 'v3', null],
    ]);
  });

  it('publishes (first publication kept), unpublishes, and each is a revision', async () => {
    const article = must(await createArticle(handle.db, agent, { title: `Delivery times ${tag()}`, body: 'b' }));
    const published = must(await publishArticle(handle.db, agent, { id: article.id, version: 1 }));
    expect(published).toMatchObject({ status: 'published', version: 2 });
    const first = published.publishedAt;
    expect(first).toBeInstanceOf(Date);
    expect(await publishArticle(handle.db, agent, { id: article.id, version: 2 })).toMatchObject({ code: 'conflict' });
    const draft = must(await unpublishArticle(handle.db, lead, { id: article.id, version: 2 }));
    expect(draft).toMatchObject({ status: 'draft', version: 3, publishedAt: first });
    const again = must(await publishArticle(handle.db, lead, { id: article.id, version: 3, note: 'Back' }));
    expect(again.publishedAt).toEqual(first);
    expect((await revisions(article.id)).map((r) => [r.status, r.note])).toEqual([
      ['draft', null],
      ['published', 'Published'],
      ['draft', 'Unpublished'],
      ['published', 'Back'],
    ]);
  });

  it('restores an old version as a new save, keeping audience and publication as they are', async () => {
    const article = must(
      await createArticle(handle.db, agent, {
        title: `Card payment ${tag()}`,
        summary: 'Old',
        body: 'Old steps',
        audience: 'internal',
      }),
    );
    must(
      await updateArticle(handle.db, agent, {
        id: article.id,
        version: 1,
        title: `${article.title} (new)`,
        summary: 'New',
        body: 'New steps',
        audience: 'public',
      }),
    );
    must(await publishArticle(handle.db, agent, { id: article.id, version: 2 }));
    expect(await restoreRevision(handle.db, lead, { id: article.id, revision: 1, version: 2 })).toMatchObject({
      code: 'conflict',
    });
    expect(await restoreRevision(handle.db, lead, { id: article.id, revision: 9, version: 3 })).toMatchObject({
      code: 'not_found',
    });
    const restored = must(await restoreRevision(handle.db, lead, { id: article.id, revision: 1, version: 3 }));
    expect(restored).toMatchObject({
      changed: true,
      article: {
        version: 4,
        title: article.title,
        summary: 'Old',
        body: 'Old steps',
        audience: 'public',
        status: 'published',
      },
    });
    const history = await listRevisions(handle.db, lead, article.id);
    expect(history.map((r) => [r.version, r.note])).toEqual([
      [4, 'Restored version 1'],
      [3, 'Published'],
      [2, null],
      [1, null],
    ]);
    expect(await getRevision(handle.db, agent, { id: article.id, revision: '2' })).toMatchObject({ body: 'New steps' });
    expect(await getRevision(handle.db, customer, { id: article.id, revision: '2' })).toBeNull();
    // A version beyond PostgreSQL's integer (the history page's ?version=) is unknown, not a failed query.
    expect(await getRevision(handle.db, agent, { id: article.id, revision: '99999999999' })).toBeNull();
    expect(await listRevisions(handle.db, null, article.id)).toEqual([]);
  });
});

describe('who reads what', () => {
  it('public published for anyone; drafts and internal procedures for staff only, 404 to the rest', async () => {
    const t = tag();
    const make = async (title: string, audience: 'public' | 'internal', publish: boolean) => {
      const a = must(
        await createArticle(handle.db, agent, { title: `${title} ${t}`, body: `**${title}**`, audience, categoryId }),
      );
      return publish ? must(await publishArticle(handle.db, agent, { id: a.id, version: 1 })) : a;
    };
    const live = await make('Live', 'public', true);
    const draft = await make('Draft', 'public', false);
    const procedure = await make('Procedure', 'internal', true);
    const internalDraft = await make('Internal draft', 'internal', false);

    for (const reader of [null, customer]) {
      expect(await getArticleForReader(handle.db, reader, live.slug)).toMatchObject({
        title: live.title,
        html: expect.stringContaining('<strong>Live</strong>'),
      });
      for (const hidden of [draft, procedure, internalDraft])
        expect(await getArticleForReader(handle.db, reader, hidden.slug)).toBeNull();
      expect(await getArticleForEditing(handle.db, reader, live.id)).toBeNull();
    }
    for (const a of [live, draft, procedure, internalDraft])
      expect(await getArticleForReader(handle.db, agent, a.slug)).toMatchObject({ id: a.id });
    expect(await getArticleForReader(handle.db, null, '../etc/passwd')).toBeNull();
    expect(await getArticleForReader(handle.db, null, 'x'.repeat(500))).toBeNull();

    // The help centre and related lists show only published public articles.
    const centre = await listHelpCentre(handle.db, { categoryId });
    const titles = centre.flatMap((s) => s.articles.map((a) => a.title));
    expect(titles).toContain(live.title);
    expect(titles).not.toContain(draft.title);
    expect(titles).not.toContain(procedure.title);
    const related = await relatedArticles(handle.db, { id: draft.id, categoryId });
    expect(related.map((r) => r.slug)).toContain(live.slug);
    expect(related.map((r) => r.slug)).not.toContain(procedure.slug);

    // Staff list: filters by status and audience; a customer gets nothing.
    const drafts = await listArticles(handle.db, agent, {
      status: 'draft',
      audience: 'internal',
      q: `internal draft ${t}`,
    });
    expect(drafts.rows.map((r) => r.id)).toEqual([internalDraft.id]);
    const everything = await listArticles(handle.db, agent, { q: t, categoryId });
    expect(everything.rows).toHaveLength(4);
    expect((await listArticles(handle.db, customer, {})).rows).toEqual([]);
    // Malformed filters from a URL are ignored, not a 500.
    const odd = await listArticles(handle.db, agent, {
      status: 'gone',
      audience: ['x'],
      q: 'a\u0000b',
      categoryId: 'nope',
    });
    expect(odd.filters).toMatchObject({ status: undefined, audience: undefined, categoryId: undefined });
  });

  it('keeps a retired category on an article being edited, but will not newly set one', async () => {
    const article = must(await createArticle(handle.db, agent, { title: `Fax ${tag()}`, body: 'x', categoryId }));
    await handle.db.update(kbArticles).set({ categoryId: retiredId }).where(eq(kbArticles.id, article.id));
    const kept = await updateArticle(handle.db, agent, {
      id: article.id,
      version: 1,
      title: article.title,
      body: 'y',
      categoryId: retiredId,
    });
    expect(kept.ok).toBe(true);
    const other = must(await createArticle(handle.db, agent, { title: `Fax 2 ${tag()}`, body: 'x' }));
    const refused = await updateArticle(handle.db, agent, {
      id: other.id,
      version: 1,
      title: other.title,
      body: 'x',
      categoryId: retiredId,
    });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { categoryId: [expect.stringMatching(/retired/)] } });
    const [row] = await handle.db
      .select()
      .from(kbArticleRevisions)
      .where(and(eq(kbArticleRevisions.articleId, other.id), eq(kbArticleRevisions.version, 2)));
    expect(row).toBeUndefined();
  });
});
