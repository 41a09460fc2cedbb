import { RowActionButton } from '@/components/admin/row-action-button';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { ActionState } from '@/lib/core/action-state';
import type { JobItem } from '@/lib/jobs/admin';

type RowAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const TONE = { failed: 'red', retry: 'amber', created: 'blue', active: 'purple', completed: 'green' } as const;

/** Jobs as labelled cards (they read at any width): queue, state, attempts, times, last error, actions. */
export function JobList({
  jobs,
  retryAction,
  cancelAction,
}: {
  jobs: JobItem[];
  retryAction: RowAction;
  cancelAction: RowAction;
}) {
  if (jobs.length === 0) return <p className="text-sm text-slate-600">No jobs here.</p>;
  return (
    <ul aria-label="Jobs" className="divide-y divide-slate-100">
      {jobs.map((job) => (
        <li key={job.id} className="space-y-1 py-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs text-slate-800">{job.name}</span>
            <Badge tone={TONE[job.state as keyof typeof TONE] ?? 'slate'}>
              {job.state === 'retry' ? 'waiting to retry' : job.state}
            </Badge>
            <span className="text-slate-600">
              {job.attempts} of {job.retryLimit + 1} attempt{job.retryLimit === 0 ? '' : 's'}
            </span>
          </div>
          <p className="text-slate-600">
            Queued <LocalTime value={job.createdAt} />
            {job.state === 'retry' || (job.state === 'created' && job.startAfter > job.createdAt) ? (
              <>
                {' '}
                · next run <LocalTime value={job.startAfter} />
              </>
            ) : null}
            {job.completedAt ? (
              <>
                {' '}
                · ended <LocalTime value={job.completedAt} />
              </>
            ) : null}
          </p>
          <p className="font-mono text-xs break-all text-slate-500">{JSON.stringify(job.data)}</p>
          {job.lastError ? (
            <p className="rounded-md bg-red-50 px-2 py-1 break-words text-red-800">Last error: {job.lastError}</p>
          ) : null}
          {job.state === 'failed' ? (
            <RowActionButton
              action={retryAction}
              id={job.id}
              label="Retry"
              accessibleLabel={`Retry ${job.name} job ${job.id}`}
            />
          ) : job.state === 'created' || job.state === 'retry' ? (
            <RowActionButton
              action={cancelAction}
              id={job.id}
              label="Cancel"
              variant="danger"
              accessibleLabel={`Cancel ${job.name} job ${job.id}`}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
