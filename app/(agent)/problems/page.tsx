import type { Metadata } from 'next';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { NewProblemForm } from '@/components/problems/problem-forms';
import { ProblemList } from '@/components/problems/problem-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { listProblemOwners, listProblems } from '@/lib/problems/problems';
import { groupAction } from './actions';
import { RecurringSection } from './recurring-section';

export const metadata: Metadata = { title: 'Problems' };

/**
 * Problems: the recurring-issues list (leads group rising requests from it), the problems with
 * their counts, and (leads) a form for a new one. Agents read.
 */
export default async function ProblemsPage() {
  const actor = await requireActor(STAFF);
  const db = getDb();
  const manage = can(actor, 'problem.manage');
  const [problems, owners] = await Promise.all([
    loadOr404(listProblems(db, actor)),
    manage ? listProblemOwners(db) : Promise.resolve([]),
  ]);
  return (
    <StaffShell actor={actor}>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Problems</h1>
          <p className="text-sm text-slate-600">
            One cause behind many requests: group them under a problem, and resolving the problem resolves them all and
            tells every customer.
          </p>
        </div>
        <RecurringSection actor={actor} />
        <Card title="All problems">
          <ProblemList problems={problems} />
        </Card>
        {manage ? (
          <Card title="New problem">
            <NewProblemForm action={groupAction} owners={owners} defaultOwnerId={actor.userId} />
          </Card>
        ) : null}
      </div>
    </StaffShell>
  );
}
