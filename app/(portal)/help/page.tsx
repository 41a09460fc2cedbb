import type { Metadata } from 'next';
import Link from 'next/link';
import { getActor } from '@/app/_auth/session';
import { PortalShell } from '@/components/layout/portal-shell';
import { getDb } from '@/db/client';
import { listHelpCentre } from '@/lib/help/list-articles';
import { MAX_ARTICLE_QUERY } from '@/lib/help/schemas';
import { searchArticles } from '@/lib/help/search-articles';

export const metadata: Metadata = { title: 'Help centre' };

/** The public help centre: search, then every published help article by category. Signed out too. */
export default async function HelpCentrePage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await getActor();
  const db = getDb();
  const raw = (await searchParams).q;
  const q =
    typeof raw === 'string' ? raw.replaceAll('\u0000', '').toWellFormed().trim().slice(0, MAX_ARTICLE_QUERY) : '';
  // Every word first; when that finds nothing, any of them (ranked by how many match).
  const hits = q
    ? await searchArticles(db, { q, audience: 'public', mode: 'all', limit: 20 }).then(async (all) =>
        all.length ? all : searchArticles(db, { q, audience: 'public', mode: 'any', limit: 20 }),
      )
    : [];
  const sections = q ? [] : await listHelpCentre(db);
  return (
    <PortalShell actor={actor}>
      <div className="space-y-8">
        <div className="space-y-3">
          <h1 className="text-2xl font-semibold">How can we help?</h1>
          <form role="search" method="get" action="/help" className="flex flex-wrap gap-2">
            <label htmlFor="help-q" className="sr-only">
              Search the help centre
            </label>
            <input
              id="help-q"
              type="search"
              name="q"
              defaultValue={q}
              maxLength={MAX_ARTICLE_QUERY}
              placeholder="e.g. reset password, refund, delivery"
              className="block min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
            />
            <button
              type="submit"
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Search
            </button>
          </form>
        </div>

        {q ? (
          <section aria-label="Search results" className="space-y-3">
            <h2 className="text-lg font-semibold">
              {hits.length === 0 ? `No articles match “${q}”` : `Articles matching “${q}”`}
            </h2>
            {hits.length > 0 ? (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {hits.map((a) => (
                  <li key={a.id} className="px-4 py-3">
                    <Link href={`/help/${a.slug}`} className="font-medium text-brand-700 hover:underline">
                      {a.title}
                    </Link>
                    {a.summary ? <p className="mt-1 text-sm text-slate-600">{a.summary}</p> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="text-sm">
              <Link href="/help" className="text-brand-700 underline">
                All articles
              </Link>
            </p>
          </section>
        ) : sections.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            No help articles yet.
          </p>
        ) : (
          <div className="grid gap-6 sm:grid-cols-2">
            {sections.map((s) => (
              <section
                key={s.categoryId ?? 'general'}
                aria-label={s.name ?? 'General'}
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              >
                <h2 className="mb-2 font-semibold text-slate-900">{s.name ?? 'General'}</h2>
                <ul className="space-y-2">
                  {s.articles.map((a) => (
                    <li key={a.slug}>
                      <Link href={`/help/${a.slug}`} className="text-sm text-brand-700 hover:underline">
                        {a.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}

        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
          Cannot find what you need?{' '}
          <Link href="/portal/new" className="font-medium text-brand-700 underline">
            Submit a request
          </Link>
          .
        </p>
      </div>
    </PortalShell>
  );
}
