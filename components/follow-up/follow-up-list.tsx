import Link from 'next/link';
import type { FormActionFn } from '@/components/agent/action-form';
import { TimeAgo } from '@/components/notifications/time-ago';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { FollowUpItem } from '@/lib/follow-up/list-follow-ups';
import { OUTCOME_LABELS } from '@/lib/follow-up/outcomes';
import { STATUS_LABELS } from '@/lib/tickets/transitions';
import { OutcomeForm } from './outcome-form';

/** `tel:` wants the digits and a leading +; what the customer wrote stays as the link text. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** One follow-up queue: who to call, why, and the outcome form (open ones) or what was recorded. */
export function FollowUpList({
  label,
  items,
  action,
  rootCauses,
  empty,
}: {
  label: string;
  items: FollowUpItem[];
  action: FormActionFn;
  rootCauses: { id: string; name: string }[];
  empty: string;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol aria-label={label} className="divide-y divide-slate-100">
      {items.map((f) => (
        <li key={f.id} className="space-y-3 py-4" aria-label={`#${f.number} ${f.subject}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p className="min-w-0 font-medium break-words text-slate-900">
              <Link href={`/tickets/${f.number}`} className="font-mono text-brand-700 underline">
                #{f.number}
              </Link>{' '}
              {f.subject}
            </p>
            <p className="text-xs text-slate-600">
              {f.status === 'open' ? (
                <>
                  waiting <TimeAgo value={f.createdAt} />
                </>
              ) : (
                <Badge tone={f.outcome === 'recovered' || f.outcome === 'confirmed_fixed' ? 'green' : 'slate'}>
                  {OUTCOME_LABELS[f.outcome!]}
                </Badge>
              )}
            </p>
          </div>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <div className="flex gap-2">
              <dt className="text-slate-600">Customer</dt>
              <dd className="break-words text-slate-900">{f.customerName}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">Phone</dt>
              <dd>
                {f.phone ? (
                  <a href={telHref(f.phone)} className="text-brand-700 underline">
                    {f.phone}
                  </a>
                ) : (
                  'none on record'
                )}
              </dd>
            </div>
            <div className="flex min-w-0 gap-2">
              <dt className="text-slate-600">E-mail</dt>
              <dd className="min-w-0 break-all">
                {f.email ? (
                  <a href={`mailto:${f.email}`} className="text-brand-700 underline">
                    {f.email}
                  </a>
                ) : (
                  'none'
                )}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">Team</dt>
              <dd>
                {f.teamName ?? 'none'}
                {f.kind === 'detractor' ? ` · lead: ${f.ownerName ?? 'any lead'}` : ''}
              </dd>
            </div>
            {f.kind === 'detractor' ? (
              <div className="flex gap-2">
                <dt className="text-slate-600">Answer</dt>
                <dd className="font-medium">
                  CSAT {f.csat ?? '—'}/5 · NPS {f.nps ?? '—'}/10
                </dd>
              </div>
            ) : (
              <div className="flex gap-2">
                <dt className="text-slate-600">Request</dt>
                <dd>
                  {STATUS_LABELS[f.ticketStatus as keyof typeof STATUS_LABELS] ?? f.ticketStatus}
                  {f.attempts > 0 ? ` · ${f.attempts} ${f.attempts === 1 ? 'try' : 'tries'} without answer` : ''}
                </dd>
              </div>
            )}
            <div className="flex gap-2">
              <dt className="text-slate-600">{f.kind === 'detractor' ? 'Answered' : 'Asked'}</dt>
              <dd>
                <LocalTime value={f.createdAt} />
                {f.requestedByName ? ` by ${f.requestedByName}` : ''}
              </dd>
            </div>
          </dl>
          {f.kind === 'detractor' ? (
            f.comment ? (
              <blockquote className="border-l-4 border-slate-200 pl-3 text-sm break-words whitespace-pre-wrap text-slate-800 italic">
                “{f.comment}”
              </blockquote>
            ) : (
              <p className="text-sm text-slate-600">No comment given.</p>
            )
          ) : f.requestNote ? (
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">Why: {f.requestNote}</p>
          ) : null}
          {f.status === 'open' ? (
            <OutcomeForm action={action} id={f.id} kind={f.kind} number={f.number} rootCauses={rootCauses} />
          ) : (
            <p className="text-sm text-slate-700">
              {OUTCOME_LABELS[f.outcome!]}
              {f.rootCause ? ` · root cause: ${f.rootCause}` : ''} · by {f.doneByName ?? 'someone'},{' '}
              {f.doneAt ? <LocalTime value={f.doneAt} /> : null}
              {f.note ? <span className="block break-words whitespace-pre-wrap">Note: {f.note}</span> : null}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
