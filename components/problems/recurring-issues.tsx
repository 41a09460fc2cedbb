import Link from 'next/link';
import type { FormActionFn } from '@/components/agent/action-form';
import { StatusBadge } from '@/components/tickets/badges';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import type { Status } from '@/db/schema';
import type { RecurringReport } from '@/lib/problems/recurring';
import { GroupForm, type ProblemChoice } from './problem-forms';

/**
 * The recurring-issues list: categories and subject words rising well above their usual weekly
 * volume, each with recent example requests and (for leads) a form grouping them under a problem.
 */
export function RecurringIssues({
  report,
  problems,
  groupAction,
}: {
  report: RecurringReport;
  problems: ProblemChoice[];
  /** Absent: the reader may not group (agents). */
  groupAction?: FormActionFn;
}) {
  return (
    <Card title="Recurring issues">
      <p className="mb-3 text-sm text-slate-600">
        Categories and subject words with at least twice their usual weekly volume this week (last 7 days against the 8
        weeks before, and well outside their usual swing).{' '}
        {report.countedAt ? (
          <>
            Counted <LocalTime value={report.countedAt} />.
          </>
        ) : (
          'Not counted yet: the counts are refreshed every 10 minutes.'
        )}
      </p>
      {report.items.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing is rising above its usual volume this week.</p>
      ) : (
        <ul className="space-y-4">
          {report.items.map((item) => {
            const name =
              item.kind === 'category'
                ? `Category ${item.label}`
                : `${item.label.includes(',') ? 'Words' : 'Word'} “${item.label}”`;
            const idPrefix = `recurring-${item.kind}-${item.key}`.replace(/[^a-zA-Z0-9-]/g, '');
            const open = item.examples.filter(
              (e) => !e.problemId && ['new', 'open', 'pending', 'on_hold'].includes(e.status),
            );
            const drill =
              item.kind === 'category'
                ? `/tickets/views?categoryId=${encodeURIComponent(item.key)}&createdFrom=${report.today}`
                : `/tickets/search?q=${encodeURIComponent(item.key)}`;
            return (
              <li key={`${item.kind}:${item.key}`} className="rounded-md border border-slate-200 p-3">
                <section aria-label={name}>
                  <h3 className="font-semibold break-words text-slate-900">{name}</h3>
                  <p className="text-sm text-slate-700">
                    <strong>{item.assessment.current}</strong> requests this week, usually about{' '}
                    {item.assessment.mean.toLocaleString('en', { maximumFractionDigits: 1 })} a week (×
                    {item.assessment.ratio.toLocaleString('en', { maximumFractionDigits: 1 })}).{' '}
                    <Link href={drill} className="text-brand-700 underline">
                      See the requests
                    </Link>
                  </p>
                  <ul className="mt-2 space-y-1 text-sm" aria-label={`Examples: ${name}`}>
                    {item.examples.map((e) => (
                      <li key={e.number} className="flex flex-wrap items-center gap-2">
                        <Link href={`/tickets/${e.number}`} className="font-mono text-brand-700 underline">
                          #{e.number}
                        </Link>
                        <span className="break-words">{e.subject}</span>
                        <StatusBadge status={e.status as Status} />
                        {e.problemId ? (
                          <Link href={`/problems/${e.problemId}`} className="text-xs text-slate-600 underline">
                            in a problem
                          </Link>
                        ) : null}
                        <span className="text-xs text-slate-500">
                          <LocalTime value={e.createdAt} />
                        </span>
                      </li>
                    ))}
                  </ul>
                  {groupAction && open.length > 0 ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">
                        Group under a problem
                      </summary>
                      <div className="mt-2">
                        <GroupForm
                          action={groupAction}
                          idPrefix={idPrefix}
                          label={`Group: ${name}`}
                          problems={problems}
                          tickets={open.map((e) => `#${e.number}`).join(' ')}
                          title={item.kind === 'category' ? `Rising: ${item.label}` : `Rising: “${item.label}”`}
                        />
                      </div>
                    </details>
                  ) : null}
                </section>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
