import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { GroupForm, ResolveProblemForm, UnlinkForm } from '@/components/problems/problem-forms';
import { ProblemStatusBadge } from '@/components/problems/problem-list';
import { StatusBadge } from '@/components/tickets/badges';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import type { Status } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { getProblem, SHOWN_REQUESTS } from '@/lib/problems/problems';
import { linkAction, resolveProblemAction, unlinkAction } from '../actions';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Problem' };

/** One problem: its CERN, owner and state, the linked requests, and (leads) link, unlink, resolve. */
export default async function ProblemPage({ params }: Props) {
  const actor = await requireActor(STAFF);
  const { id } = await params;
  const detail = await loadOr404(getProblem(getDb(), actor, id));
  const { problem } = detail;
  const manage = can(actor, 'problem.manage');
  return (
    <StaffShell actor={actor}>
      <p className="mb-2 text-sm">
        <Link href="/problems" className="text-brand-700 underline">
          ← Problems
        </Link>
      </p>
      <header className="mb-6 space-y-2">
        <h1 className="text-2xl font-semibold break-words">
          <span className="font-mono text-slate-600">{problem.cern}</span> {problem.title}
        </h1>
        <div role="group" aria-label="Problem state" className="flex flex-wrap items-center gap-2 text-sm">
          <ProblemStatusBadge status={problem.status} />
          <span className="text-slate-600">
            Owner {detail.ownerName} · created <LocalTime value={problem.createdAt} /> · {detail.linked} linked,{' '}
            {detail.open} still open
          </span>
        </div>
      </header>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {problem.description ? (
            <Card title="Description">
              <p className="text-sm break-words whitespace-pre-wrap">{problem.description}</p>
            </Card>
          ) : null}
          {problem.status === 'resolved' ? (
            <Card title="Resolution">
              <p className="text-sm break-words whitespace-pre-wrap">{problem.resolutionSummary}</p>
              <p className="mt-2 text-xs text-slate-600">
                Resolved {problem.resolvedAt ? <LocalTime value={problem.resolvedAt} /> : null}
                {detail.resolvedByName ? ` by ${detail.resolvedByName}` : ''}.{' '}
                {detail.open > 0
                  ? `${detail.open} linked request${detail.open === 1 ? ' is' : 's are'} being resolved in the background.`
                  : 'Every linked request is resolved or closed.'}
              </p>
            </Card>
          ) : null}
          <Card title="Linked requests">
            {detail.requests.length === 0 ? (
              <p className="text-sm text-slate-600">No request is linked yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Linked requests">
                {detail.requests.map((r) => (
                  <li key={r.number} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                    <Link href={`/tickets/${r.number}`} className="font-mono text-brand-700 underline">
                      #{r.number}
                    </Link>
                    <span className="min-w-0 flex-1 break-words">
                      {r.subject} <span className="text-slate-500">— {r.customerName}</span>
                    </span>
                    <StatusBadge status={r.status as Status} />
                    {manage ? <UnlinkForm action={unlinkAction} problemId={problem.id} number={r.number} /> : null}
                  </li>
                ))}
              </ul>
            )}
            {detail.linked > SHOWN_REQUESTS ? (
              <p className="mt-2 text-xs text-slate-600">
                Showing the {SHOWN_REQUESTS} most recently linked of {detail.linked}.
              </p>
            ) : null}
          </Card>
        </div>
        {manage ? (
          <aside className="min-w-0 space-y-6" aria-label="Problem actions">
            {problem.status === 'open' ? (
              <Card title="Resolve">
                <ResolveProblemForm
                  action={resolveProblemAction}
                  problemId={problem.id}
                  version={problem.version}
                  open={detail.open}
                />
              </Card>
            ) : null}
            <Card title="Link requests">
              <GroupForm
                action={linkAction}
                idPrefix="link"
                label="Link requests"
                problems={[]}
                tickets=""
                submitLabel="Link requests"
                fixedProblemId={problem.id}
              />
            </Card>
          </aside>
        ) : null}
      </div>
    </StaffShell>
  );
}
