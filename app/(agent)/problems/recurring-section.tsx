import { loadOr404 } from '@/app/_auth/load';
import { RecurringIssues } from '@/components/problems/recurring-issues';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { listProblemOptions } from '@/lib/problems/problems';
import { listRecurringIssues } from '@/lib/problems/recurring';
import { groupAction } from './actions';

/** The recurring-issues list (one line in a page: /problems, or the dashboard). */
export async function RecurringSection({ actor }: { actor: Actor }) {
  const db = getDb();
  const [report, problems] = await Promise.all([
    loadOr404(listRecurringIssues(db, actor)),
    listProblemOptions(db, actor),
  ]);
  return (
    <RecurringIssues
      report={report}
      problems={problems}
      groupAction={can(actor, 'problem.manage') ? groupAction : undefined}
    />
  );
}
