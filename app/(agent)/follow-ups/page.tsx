import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { FollowUpList } from '@/components/follow-up/follow-up-list';
import { StaffShell } from '@/components/layout/staff-shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { getDb } from '@/db/client';
import type { FollowUpKind } from '@/db/schema';
import { followUpQueues, listFollowUps } from '@/lib/follow-up/list-follow-ups';
import { listActiveRootCauses } from '@/lib/follow-up/root-causes';
import { getReferenceData } from '@/lib/tickets/reference-data';
import { recordOutcomeAction } from './actions';

export const metadata: Metadata = { title: 'Follow-ups' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const QUEUE_LABELS: Record<FollowUpKind, string> = { detractor: 'Detractors', call: 'Calls' };
const EMPTY: Record<FollowUpKind, string> = {
  detractor: 'No detractor here. Customers who answer the survey with CSAT 1–2 or NPS 0–6 appear here.',
  call: 'No follow-up call here. Mark a resolved request for a follow-up call from its page.',
};
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The follow-up queues: detractors to call back (leads, admins) and follow-up calls (all staff),
 * one queue at a time, open first and oldest first, each item with its outcome form.
 */
export default async function FollowUpsPage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const params = await searchParams;
  const queues = followUpQueues(actor);
  const asked = first(params.queue);
  const kind = queues.find((q) => q === asked) ?? queues[0]!;
  const status = first(params.status) ?? 'open';
  const teamId = first(params.team) ?? '';
  const db = getDb();
  const [result, rootCauses, reference] = await Promise.all([
    listFollowUps(db, actor, { kind, status, teamId, after: first(params.after) }),
    kind === 'detractor' ? listActiveRootCauses(db) : Promise.resolve([]),
    getReferenceData(db),
  ]);
  const filters = new URLSearchParams({ queue: kind, status, ...(teamId ? { team: teamId } : {}) });

  return (
    <StaffShell actor={actor}>
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Follow-ups</h1>
          <p className="text-sm text-slate-600">
            {kind === 'detractor'
              ? 'Unhappy survey answers from your teams: call the customer back, record the outcome and why it went wrong.'
              : 'Resolved requests to check by phone: did the fix hold?'}
          </p>
        </div>
        {queues.length > 1 ? (
          <nav aria-label="Follow-up queues" className="flex gap-2 border-b border-slate-200">
            {queues.map((q) => (
              <Link
                key={q}
                href={`/follow-ups?queue=${q}`}
                aria-current={q === kind ? 'page' : undefined}
                className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  q === kind
                    ? 'border-brand-600 text-brand-700'
                    : 'border-transparent text-slate-700 hover:text-slate-900'
                }`}
              >
                {QUEUE_LABELS[q]}
              </Link>
            ))}
          </nav>
        ) : null}
        <form method="get" action="/follow-ups" className="flex flex-wrap items-end gap-3" aria-label="Filters">
          <input type="hidden" name="queue" value={kind} />
          <SelectField label="Show" name="status" defaultValue={status}>
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="all">All (open first)</option>
          </SelectField>
          <SelectField label="Team" name="team" defaultValue={teamId}>
            <option value="">All teams</option>
            {reference.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
        <Card title={QUEUE_LABELS[kind]}>
          {result.ok ? (
            <FollowUpList
              label={QUEUE_LABELS[kind]}
              items={result.data.items}
              action={recordOutcomeAction}
              rootCauses={rootCauses}
              empty={EMPTY[kind]}
            />
          ) : (
            <FormMessage error={result.message} />
          )}
        </Card>
        {first(params.after) || (result.ok && result.data.next) ? (
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {first(params.after) ? (
              <Link href={`/follow-ups?${filters.toString()}`} className="text-brand-700 hover:underline">
                First page
              </Link>
            ) : null}
            {result.ok && result.data.next ? (
              <Link
                href={`/follow-ups?${filters.toString()}&after=${encodeURIComponent(result.data.next)}`}
                className="text-brand-700 hover:underline"
              >
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </StaffShell>
  );
}
