import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor, STAFF } from '@/app/_auth/session';
import { ArticleAudienceBadge, ArticleStatusBadge } from '@/components/help/article-badges';
import { ArticleBody } from '@/components/help/article-body';
import { RestoreForm } from '@/components/help/article-state-forms';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { getArticleForEditing } from '@/lib/help/get-article';
import { renderMarkdown } from '@/lib/help/markdown';
import { getRevision, listRevisions } from '@/lib/help/revisions';
import { restoreRevisionAction } from '../../actions';

export const metadata: Metadata = { title: 'Article history' };

/** Every saved version, newest first; `?version=N` shows one with a button to restore it. */
export default async function ArticleHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
}) {
  const actor = await requireActor(STAFF);
  const { id } = await params;
  const { version } = await searchParams;
  const db = getDb();
  const article = await getArticleForEditing(db, actor, id);
  if (!article) notFound();
  const revisions = await listRevisions(db, actor, article.id);
  const chosen =
    typeof version === 'string' ? await getRevision(db, actor, { id: article.id, revision: version }) : null;
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-5xl space-y-6">
        <Link href={`/articles/${article.id}`} className="text-sm text-brand-700 underline">
          ← {article.title}
        </Link>
        <h1 className="text-2xl font-semibold text-slate-900">History</h1>
        <div className="grid gap-6 lg:grid-cols-5">
          <Card title="Versions" className="lg:col-span-2">
            <ol className="divide-y divide-slate-100" aria-label="Versions">
              {revisions.map((r) => (
                <li key={r.version} className="py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/articles/${article.id}/history?version=${r.version}`}
                      aria-current={chosen?.version === r.version ? 'page' : undefined}
                      className="font-medium text-brand-700 underline"
                    >
                      Version {r.version}
                    </Link>
                    {r.version === article.version ? <span className="text-xs text-slate-500">(current)</span> : null}
                    <ArticleStatusBadge status={r.status} />
                  </div>
                  <p className="text-slate-600">
                    <LocalTime value={r.createdAt} />
                    {r.editorName ? ` · ${r.editorName}` : ''}
                  </p>
                  {r.note ? <p className="break-words text-slate-800">{r.note}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
          <div className="lg:col-span-3">
            {chosen ? (
              <Card title={`Version ${chosen.version}`}>
                <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <ArticleStatusBadge status={chosen.status} />
                  <ArticleAudienceBadge audience={chosen.audience} />
                  {chosen.categoryName ? <span>{chosen.categoryName}</span> : null}
                </div>
                <h2 className="mb-1 text-lg font-semibold break-words">{chosen.title}</h2>
                {chosen.summary ? <p className="mb-3 text-sm text-slate-600">{chosen.summary}</p> : null}
                <ArticleBody html={renderMarkdown(chosen.body)} label={`Text of version ${chosen.version}`} />
                {chosen.version !== article.version ? (
                  <div className="mt-4 border-t border-slate-100 pt-4">
                    <p className="mb-2 text-sm text-slate-600">
                      Restoring brings back this version&apos;s title, summary and text as a new version. Who may read
                      it and whether it is published stay as they are now.
                    </p>
                    <RestoreForm
                      action={restoreRevisionAction}
                      articleId={article.id}
                      version={article.version}
                      revision={chosen.version}
                    />
                  </div>
                ) : null}
              </Card>
            ) : (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
                {typeof version === 'string' ? 'There is no such version.' : 'Choose a version to read it.'}
              </p>
            )}
          </div>
        </div>
      </div>
    </StaffShell>
  );
}
