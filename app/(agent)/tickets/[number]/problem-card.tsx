import { TicketProblem } from '@/components/problems/ticket-problem';
import { getDb } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getTicketProblem, listProblemOptions } from '@/lib/problems/problems';
import { linkToProblemAction, unlinkFromProblemAction } from './problem-actions';

/** The request's problem (one line in page.tsx): shown to staff; leads link and unlink. */
export async function ProblemCard({ actor, ticket }: { actor: Actor; ticket: Pick<Ticket, 'id' | 'number'> }) {
  const db = getDb();
  const manage = can(actor, 'problem.manage');
  const [problem, options] = await Promise.all([
    getTicketProblem(db, actor, ticket.id),
    manage ? listProblemOptions(db, actor) : Promise.resolve([]),
  ]);
  if (!problem && !manage) return null;
  return (
    <TicketProblem
      number={ticket.number}
      problem={problem}
      options={options}
      linkAction={manage ? linkToProblemAction : undefined}
      unlinkAction={manage ? unlinkFromProblemAction : undefined}
    />
  );
}
