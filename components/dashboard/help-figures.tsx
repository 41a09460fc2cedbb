import type { HelpFigures as Figures } from '@/lib/metrics/help';
import { formatCount, formatPercent, formatWeek, spansYears } from './format';

const HEAD = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

function ArticleName({
  title,
  slug,
  audience,
  status,
}: {
  title: string;
  slug: string;
  audience: string;
  status: string;
}) {
  const note = [audience === 'internal' ? 'internal' : null, status === 'draft' ? 'draft' : null].filter(Boolean);
  return (
    <>
      {audience === 'public' && status === 'published' ? (
        <a href={`/help/${encodeURIComponent(slug)}`} className="text-brand-700 underline">
          {title}
        </a>
      ) : (
        title
      )}
      {note.length ? <span className="ml-1 text-xs text-slate-600">({note.join(', ')})</span> : null}
    </>
  );
}

/**
 * The help centre on the lead dashboard: requests the help articles ended before they were
 * submitted (deflections) in the period, week by week, the articles that did it, and how
 * readers rated the articles — the least helpful first to fix.
 */
export function HelpFigures({ figures }: { figures: Figures }) {
  const most = Math.max(1, ...figures.weekly.map((w) => w.deflected));
  const withYear = spansYears(figures.weekly);
  return (
    <section aria-labelledby="help-figures-heading" className="space-y-4">
      <h2 id="help-figures-heading" className="text-lg font-semibold text-slate-900">
        Help centre and deflection
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Deflected requests</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{formatCount(figures.deflected)}</dd>
          <dd className="text-xs text-slate-600">“This answered my question” on the new-request form, in the period</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Deflection rate</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
            {formatPercent(figures.deflectionShare)}
          </dd>
          <dd className="text-xs text-slate-600">
            Deflected ÷ (deflected + {formatCount(figures.webRequests)} requests submitted on the web form)
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Cancelled by the customer</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{formatCount(figures.cancelled)}</dd>
          <dd className="text-xs text-slate-600">“No longer needed”, in the period; never counted as resolved</dd>
        </div>
      </dl>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">
              Deflected requests per week (weeks start on Monday, UTC)
            </caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={`${HEAD} text-left`}>
                  Week of
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Deflected
                </th>
                <th scope="col" className={`${HEAD} w-1/2 text-left`}>
                  <span className="sr-only">Bar</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {figures.weekly.map((w) => (
                <tr key={w.week}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium text-slate-900">
                    {formatWeek(w.week, withYear)}
                  </th>
                  <td className={CELL}>{formatCount(w.deflected)}</td>
                  <td className="px-3 py-1.5" aria-hidden="true">
                    <div className="bg-brand-500 h-2 rounded" style={{ width: `${(w.deflected / most) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">
              Top deflecting articles in the period
            </caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={`${HEAD} text-left`}>
                  Article
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Deflected
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {figures.topArticles.length === 0 ? (
                <tr>
                  <td colSpan={2} className="px-3 py-2 text-slate-600">
                    No deflected requests in this period.
                  </td>
                </tr>
              ) : (
                figures.topArticles.map((a) => (
                  <tr key={a.id}>
                    <td className="px-3 py-2 text-slate-900">
                      <ArticleName {...a} />
                    </td>
                    <td className={CELL}>{formatCount(a.deflected)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>

        <RatingTable
          caption="Article ratings (all time, most voted first)"
          rows={figures.ratings}
          empty="No article has been rated yet."
        />
        <RatingTable
          caption={`Least helpful articles to fix (at least ${figures.minVotesToJudge} votes)`}
          rows={figures.leastHelpful}
          empty="No article has enough “not helpful” votes to call out."
        />
      </div>
    </section>
  );
}

function RatingTable({ caption, rows, empty }: { caption: string; rows: Figures['ratings']; empty: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${HEAD} text-left`}>
              Article
            </th>
            <th scope="col" className={`${HEAD} text-right`}>
              Helpful
            </th>
            <th scope="col" className={`${HEAD} text-right`}>
              Votes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-3 py-2 text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((a) => (
              <tr key={a.id}>
                <td className="px-3 py-2 text-slate-900">
                  <ArticleName {...a} />
                </td>
                <td className={CELL}>{formatPercent(a.helpfulShare)}</td>
                <td className={CELL}>
                  {formatCount(a.helpful + a.notHelpful)}
                  <span className="sr-only">
                    {' '}
                    ({formatCount(a.helpful)} helpful, {formatCount(a.notHelpful)} not helpful)
                  </span>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
