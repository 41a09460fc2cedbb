import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getActor } from '@/app/_auth/session';
import { ArticleBody } from '@/components/help/article-body';
import { VoteForm } from '@/components/help/vote-form';
import { PortalShell } from '@/components/layout/portal-shell';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { canWriteArticles } from '@/lib/help/access';
import { getArticleForReader, relatedArticles } from '@/lib/help/get-article';
import { previousVote, voterKey } from '@/lib/help/vote-article';
import { voteAction } from '../actions';
import { readVoterId } from '../voter';

const load = cache(async (slug: string) => getArticleForReader(getDb(), await getActor(), slug));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const article = await load((await params).slug);
  return { title: article ? article.title : 'Not found', description: article?.summary ?? undefined };
}

/** One help article: anyone may read a published public one; staff also drafts and procedures. */
export default async function HelpArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getActor();
  const article = await load(slug);
  if (!article) notFound();
  const db = getDb();
  const [related, previous] = await Promise.all([
    relatedArticles(db, article),
    previousVote(db, article.id, voterKey({ actor, anonymousId: actor ? null : await readVoterId() })),
  ]);
  const staff = canWriteArticles(actor);
  return (
    <PortalShell actor={actor}>
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/help" className="text-brand-700 underline">
            Help centre
          </Link>
          {article.categoryName ? <span className="text-slate-600"> / {article.categoryName}</span> : null}
        </nav>
        {staff && (article.status === 'draft' || article.audience === 'internal') ? (
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {article.audience === 'internal'
              ? 'Internal procedure: only staff can read it.'
              : 'Draft: customers cannot see it yet.'}{' '}
            <Link href={`/articles/${article.id}`} className="underline">
              Edit
            </Link>
          </p>
        ) : null}
        <article className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <header className="space-y-1">
            <h1 className="text-2xl font-semibold break-words">{article.title}</h1>
            <p className="text-xs text-slate-600">
              Updated <LocalTime value={article.updatedAt} dateOnly />
            </p>
          </header>
          <ArticleBody html={article.html} />
        </article>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <VoteForm action={voteAction} articleId={article.id} previous={previous} />
        </div>
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
          Still need help?{' '}
          <Link href="/portal/new" className="font-medium text-brand-700 underline">
            Submit a request
          </Link>
          .
        </p>
        {related.length > 0 ? (
          <section aria-label="Related articles" className="space-y-2">
            <h2 className="text-lg font-semibold">Related articles</h2>
            <ul className="space-y-2">
              {related.map((r) => (
                <li key={r.slug}>
                  <Link href={`/help/${r.slug}`} className="text-sm text-brand-700 hover:underline">
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </PortalShell>
  );
}
