'use client';

import Link from 'next/link';
import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { Card } from '@/components/ui/card';
import { TextArea } from '@/components/ui/field';
import { LocalTime } from '@/components/ui/local-time';
import type { FollowUpItem } from '@/lib/follow-up/list-follow-ups';
import { MAX_FOLLOW_UP_NOTE, OUTCOME_LABELS } from '@/lib/follow-up/outcomes';

/**
 * The ticket page's follow-up card: open follow-ups of the request (a call to make, a detractor
 * to call back — the latter only for those who see detractors), and "Mark for follow-up call" on
 * a resolved request without an open call.
 */
export function TicketFollowUp({
  number,
  canMark,
  followUps,
  action,
}: {
  number: number;
  canMark: boolean;
  followUps: FollowUpItem[];
  action: FormActionFn;
}) {
  const open = followUps.filter((f) => f.status === 'open');
  const last = followUps.find((f) => f.status === 'done');
  if (!canMark && open.length === 0 && !last) return null;
  return (
    <Card title="Follow-up">
      <div className="space-y-3 text-sm">
        {open.map((f) => (
          <p key={f.id} role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {f.kind === 'call' ? (
              <>
                A follow-up call is open, asked for by {f.requestedByName ?? 'someone'}{' '}
                <LocalTime value={f.createdAt} />
                {f.attempts > 0 ? ` · ${f.attempts} ${f.attempts === 1 ? 'try' : 'tries'} without answer` : ''}
                {f.requestNote ? `: ${f.requestNote}` : '.'}
              </>
            ) : (
              <>
                The customer is a detractor (CSAT {f.csat ?? '—'}/5, NPS {f.nps ?? '—'}/10) waiting for a call back from{' '}
                {f.ownerName ?? 'a team lead'}.
              </>
            )}{' '}
            <Link href={`/follow-ups?queue=${f.kind}`} className="underline">
              Open the queue
            </Link>
          </p>
        ))}
        {last && open.length === 0 ? (
          <p className="text-slate-700">
            Last follow-up: {OUTCOME_LABELS[last.outcome!].toLowerCase()}
            {last.rootCause ? ` (${last.rootCause})` : ''} by {last.doneByName ?? 'someone'}
            {last.doneAt ? (
              <>
                , <LocalTime value={last.doneAt} />
              </>
            ) : null}
            .
          </p>
        ) : null}
        {canMark ? (
          <details>
            <summary className="cursor-pointer font-medium text-brand-700">Mark for follow-up call</summary>
            <div className="mt-2">
              <ActionForm
                action={action}
                hidden={{ number }}
                submitLabel="Mark for follow-up call"
                variant="secondary"
                label="Mark for follow-up call"
              >
                {(failed) => (
                  <TextArea
                    label="Note for the caller (optional)"
                    name="note"
                    id="follow-up-call-note"
                    rows={2}
                    maxLength={MAX_FOLLOW_UP_NOTE}
                    defaultValue={failed?.values?.note ?? ''}
                    error={failed?.fieldErrors?.note}
                  />
                )}
              </ActionForm>
            </div>
          </details>
        ) : null}
      </div>
    </Card>
  );
}
