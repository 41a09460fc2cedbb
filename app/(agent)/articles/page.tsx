import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { ArticleAudienceBadge, ArticleStatusBadge, HelpfulScore } from '@/components/help/article-badges';
import { StaffShell } from '@/components/layout/staff-shell';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { helpfulPercent, listArticles, STAFF_LIST_LIMIT } from '@/lib/help/list-articles';
import { MAX_ARTICLE_QUERY } from '@/lib/help/schemas';
import { listAllCategories } from '@/lib/tickets/categories';

export const metadata: Metadata = { title: 'Articles' };

const CONTROL =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none';

/** Help articles and internal procedures: search, filter, open to edit. */
export default async function ArticlesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await requireActor(STAFF);
  const db = getDb();
  const [{ filters, rows, more }, categories] = await Promise.all([
    listArticles(db, actor, await searchParams),
    listAllCategories(db),
  ]);
  const filtered = !!(filters.q || filters.audience || filters.status || filters.categoryId);
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-5xl space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Articles</h1>
            <p className="mt-1 text-sm text-slate-600">
              Public help articles (the help centre at{' '}
              <Link href="/help" className="text-brand-700 underline">
                /help
              </Link>
              ) and internal procedures for the team.
            </p>
          </div>
          <Link
            href="/articles/new"
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            New article
          </Link>
        </div>

        <form
          role="search"
          method="get"
          action="/articles"
          aria-label="Find articles"
          className="grid gap-3 sm:grid-cols-5"
        >
          <div className="sm:col-span-2">
            <label htmlFor="article-q" className="block text-sm font-medium text-slate-700">
              Words
            </label>
            <input
              id="article-q"
              type="search"
              name="q"
              maxLength={MAX_ARTICLE_QUERY}
              defaultValue={filters.q ?? ''}
              className={CONTROL}
            />
          </div>
          <div>
            <label htmlFor="article-audience" className="block text-sm font-medium text-slate-700">
              Audience
            </label>
            <select id="article-audience" name="audience" defaultValue={filters.audience ?? ''} className={CONTROL}>
              <option value="">All</option>
              <option value="public">Public</option>
              <option value="internal">Internal</option>
            </select>
          </div>
          <div>
            <label htmlFor="article-status" className="block text-sm font-medium text-slate-700">
              Status
            </label>
            <select id="article-status" name="status" defaultValue={filters.status ?? ''} className={CONTROL}>
              <option value="">All</option>
              <option value="published">Published</option>
              <option value="draft">Draft</option>
            </select>
          </div>
          <div>
            <label htmlFor="article-category" className="block text-sm font-medium text-slate-700">
              Category
            </label>
            <select id="article-category" name="categoryId" defaultValue={filters.categoryId ?? ''} className={CONTROL}>
              <option value="">All</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.retired ? `${c.name} (retired)` : c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end gap-2 sm:col-span-5">
            <button
              type="submit"
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Search
            </button>
            {filtered ? (
              <Link href="/articles" className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                Clear
              </Link>
            ) : null}
          </div>
        </form>

        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            {filtered ? 'No article matches.' : 'No articles yet.'}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Articles">
              <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Title
                  </th>
                  <th scope="col" className="px-3 py-2">
                    State
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Category
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Rating
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Updated
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td className="px-3 py-2">
                      <Link href={`/articles/${a.id}`} className="font-medium text-brand-700 hover:underline">
                        {a.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      <span className="flex flex-wrap gap-1">
                        <ArticleStatusBadge status={a.status} />
                        <ArticleAudienceBadge audience={a.audience} />
                      </span>
                    </td>
                    <td className="px-3 py-2 text-slate-700">{a.categoryName ?? '—'}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <HelpfulScore
                        percent={helpfulPercent(a.helpfulCount, a.notHelpfulCount)}
                        votes={a.helpfulCount + a.notHelpfulCount}
                      />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                      <LocalTime value={a.updatedAt} dateOnly />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {more ? (
          <p className="text-sm text-slate-600">
            Showing the first {STAFF_LIST_LIMIT}. Search or filter to narrow the list.
          </p>
        ) : null}
      </div>
    </StaffShell>
  );
}
