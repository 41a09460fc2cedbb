import type { FormActionFn } from '@/components/agent/action-form';
import { Card } from '@/components/ui/card';
import type { TeamAssignmentView } from '@/lib/admin/team-assignment';
import { MODE_LABELS } from '@/lib/routing/choose';
import { AVAILABILITY_LABELS } from '@/lib/routing/availability-labels';
import { TeamAssignmentForm } from './team-assignment-form';

/**
 * The team's assignment: its mode and cap (a form for admins), and who is available right now
 * with their open requests against the cap — the members in round-robin order.
 */
export function TeamAssignmentCard({
  teamId,
  assignment,
  action,
}: {
  teamId: string;
  assignment: TeamAssignmentView;
  action: FormActionFn | null;
}) {
  const { mode, maxOpenPerAgent, members } = assignment;
  return (
    <Card title="Assignment">
      <p className="mb-3 text-sm text-slate-700">
        {MODE_LABELS[mode]}
        {mode === 'manual' ? '' : ` among available members, at most ${maxOpenPerAgent} open requests each`}.
      </p>
      {members.length > 0 ? (
        <table className="mb-4 w-full text-left text-sm">
          <caption className="sr-only">Availability of the members</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1 pr-2 font-medium">
                Member
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Availability
              </th>
              <th scope="col" className="py-1 font-medium">
                Open requests
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-2 font-normal break-words text-slate-900">
                  {m.name}
                  {m.active ? '' : ' (deactivated)'}
                </th>
                <td className="py-1 pr-2">{AVAILABILITY_LABELS[m.availability]}</td>
                <td className="py-1">
                  {m.open} of {maxOpenPerAgent}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {action ? (
        <TeamAssignmentForm action={action} teamId={teamId} mode={mode} maxOpenPerAgent={maxOpenPerAgent} />
      ) : null}
    </Card>
  );
}
