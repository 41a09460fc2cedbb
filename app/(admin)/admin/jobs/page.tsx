import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { JobList } from '@/components/admin/job-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { JOB_VIEWS, jobCounts, listJobs } from '@/lib/jobs/admin';
import { JOB_NAMES } from '@/lib/jobs/queues';
import { cancelJobAction, retryJobAction } from './actions';

export const metadata: Metadata = { title: 'Jobs' };

const VIEW_LABEL = {
  queued: 'Queued',
  active: 'Running',
  failed: 'Failed',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Background jobs by queue and state; failed ones with their last error (retry), queued ones (cancel). */
export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor(ADMINS);
  const params = await searchParams;
  const db = getDb();
  const [counts, list] = await Promise.all([
    jobCounts(db, actor),
    listJobs(db, actor, { view: params.view, name: params.name }),
  ]);
  const names = [...new Set<string>([...JOB_NAMES, ...Object.keys(counts)])].sort();
  const href = (view: string, name?: string) =>
    `/admin/jobs?view=${view}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
  return (
    <AdminShell actor={actor} current="/admin/jobs" title="Jobs">
      <p className="text-sm text-slate-600">
        Mail, auto-close and other background work, run by every app instance (or <code>npm run worker</code>). A failed
        job is retried with growing delays; once its retries are used up it stays here with its last error.
      </p>
      <Card title="By queue">
        <div className="overflow-x-auto">
          <table aria-label="Jobs by queue" className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Queue
                </th>
                {JOB_VIEWS.map((v) => (
                  <th key={v} scope="col" className="px-2 py-1 text-right font-medium">
                    {VIEW_LABEL[v]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {names.map((name) => (
                <tr key={name}>
                  <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal text-slate-800">
                    {name}
                  </th>
                  {JOB_VIEWS.map((v) => {
                    const n = counts[name]?.[v] ?? 0;
                    return (
                      <td key={v} className="px-2 py-1.5 text-right tabular-nums">
                        {n > 0 ? (
                          <Link
                            href={href(v, name)}
                            className="text-brand-700 underline"
                            aria-label={`${n} ${VIEW_LABEL[v].toLowerCase()} ${name}`}
                          >
                            {n}
                          </Link>
                        ) : (
                          <span className="text-slate-500">0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <nav aria-label="Job states" className="flex flex-wrap gap-1">
        {JOB_VIEWS.map((v) => (
          <Link
            key={v}
            href={href(v, list.name)}
            aria-current={v === list.view ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              v === list.view ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {VIEW_LABEL[v]}
          </Link>
        ))}
        {list.name ? (
          <Link href={href(list.view)} className="rounded-md px-3 py-1.5 text-sm text-slate-700 underline">
            All queues (showing {list.name})
          </Link>
        ) : null}
      </nav>
      <Card title={`${VIEW_LABEL[list.view]} jobs${list.name ? ` in ${list.name}` : ''}`}>
        <JobList jobs={list.items} retryAction={retryJobAction} cancelAction={cancelJobAction} />
      </Card>
    </AdminShell>
  );
}
