import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor, STAFF } from '@/app/_auth/session';
import { ArticleAudienceBadge, ArticleStatusBadge, HelpfulScore } from '@/components/help/article-badges';
import { ArticleBody } from '@/components/help/article-body';
import { ArticleForm } from '@/components/help/article-form';
import { PublishForm } from '@/components/help/article-state-forms';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { getArticleForEditing } from '@/lib/help/get-article';
import { helpfulPercent } from '@/lib/help/list-articles';
import { listActiveCategories } from '@/lib/tickets/categories';
import { previewArticleAction, publishArticleAction, unpublishArticleAction, updateArticleAction } from '../actions';

export const metadata: Metadata = { title: 'Article' };

/** One article for staff: read it (procedures are read here), see how it rates, edit, publish. */
export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor(STAFF);
  const { id } = await params;
  const db = getDb();
  const [article, categories] = await Promise.all([getArticleForEditing(db, actor, id), listActiveCategories(db)]);
  if (!article) notFound();
  const votes = article.helpfulCount + article.notHelpfulCount;
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-5xl space-y-6">
        <Link href="/articles" className="text-sm text-brand-700 underline">
          ← Articles
        </Link>
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold break-words text-slate-900">{article.title}</h1>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <ArticleStatusBadge status={article.status} />
            <ArticleAudienceBadge audience={article.audience} />
            {article.categoryName ? <span>{article.categoryName}</span> : null}
            <span>
              Version {article.version}, saved <LocalTime value={article.updatedAt} />
              {article.updatedByName ? ` by ${article.updatedByName}` : ''}
            </span>
          </div>
          <nav aria-label="Article" className="flex flex-wrap gap-3 text-sm">
            <Link href={`/articles/${article.id}/history`} className="text-brand-700 underline">
              History
            </Link>
            {article.audience === 'public' && article.status === 'published' ? (
              <Link href={`/help/${article.slug}`} className="text-brand-700 underline">
                Open in the help centre
              </Link>
            ) : null}
          </nav>
        </div>

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card title="Current text">
              {article.summary ? <p className="mb-3 text-sm text-slate-600">{article.summary}</p> : null}
              <ArticleBody html={article.html} />
            </Card>
            <Card title="Edit">
              <ArticleForm
                action={updateArticleAction}
                preview={previewArticleAction}
                categories={categories}
                article={{
                  id: article.id,
                  version: article.version,
                  title: article.title,
                  slug: article.slug,
                  summary: article.summary,
                  body: article.body,
                  audience: article.audience,
                  categoryId: article.categoryId,
                  categoryName: article.categoryName,
                  categoryRetired: article.categoryRetired,
                }}
              />
            </Card>
          </div>
          <div className="space-y-6">
            <Card title="Publication">
              <p className="mb-3 text-sm text-slate-600">
                {article.status === 'published'
                  ? article.audience === 'public'
                    ? 'Anyone can read it in the help centre.'
                    : 'Staff can read it.'
                  : 'A draft: only staff see it.'}
                {article.publishedAt ? (
                  <>
                    {' '}
                    First published <LocalTime value={article.publishedAt} dateOnly />.
                  </>
                ) : null}
              </p>
              <PublishForm
                action={article.status === 'draft' ? publishArticleAction : unpublishArticleAction}
                article={article}
              />
            </Card>
            <Card title="Ratings">
              <dl className="space-y-2 text-sm">
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-600">Helpful</dt>
                  <dd className="font-medium">{article.helpfulCount}</dd>
                </div>
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-600">Not helpful</dt>
                  <dd className="font-medium">{article.notHelpfulCount}</dd>
                </div>
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-600">Requests it answered</dt>
                  <dd className="font-medium">{article.deflectionCount}</dd>
                </div>
              </dl>
              <p className="mt-3 text-sm">
                <HelpfulScore percent={helpfulPercent(article.helpfulCount, article.notHelpfulCount)} votes={votes} />
              </p>
            </Card>
          </div>
        </div>
      </div>
    </StaffShell>
  );
}
