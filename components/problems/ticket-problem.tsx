import Link from 'next/link';
import type { FormActionFn } from '@/components/agent/action-form';
import { Card } from '@/components/ui/card';
import { GroupForm, type ProblemChoice } from './problem-forms';
import { ProblemStatusBadge } from './problem-list';
import { ActionForm } from '@/components/agent/action-form';

/** A request's problem on its page: the link to it, or (leads) "Link to problem". */
export function TicketProblem({
  number,
  problem,
  options,
  linkAction,
  unlinkAction,
}: {
  number: number;
  problem: ProblemChoice | null;
  options: ProblemChoice[];
  linkAction?: FormActionFn;
  unlinkAction?: FormActionFn;
}) {
  return (
    <Card title="Problem">
      {problem ? (
        <div className="space-y-3 text-sm">
          <p>
            Part of{' '}
            <Link href={`/problems/${problem.id}`} className="text-brand-700 underline">
              <span className="font-mono">{problem.cern}</span> {problem.title}
            </Link>{' '}
            <ProblemStatusBadge status={problem.status} />
          </p>
          {unlinkAction ? (
            <ActionForm
              action={unlinkAction}
              hidden={{ problemId: problem.id, number }}
              submitLabel="Unlink from problem"
              variant="secondary"
              label="Unlink from problem"
            />
          ) : null}
        </div>
      ) : linkAction ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            Link this request to a problem
          </summary>
          <div className="mt-2">
            <GroupForm
              action={linkAction}
              idPrefix="ticket-problem"
              label="Link to problem"
              problems={options}
              tickets={`#${number}`}
              hidden={{ number }}
              showTickets={false}
              submitLabel="Link to problem"
            />
          </div>
        </details>
      ) : null}
    </Card>
  );
}
