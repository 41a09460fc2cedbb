'use client';

import { useCallback, useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { BulkInput, BulkOutcome } from '@/lib/pipeline/bulk-update';
import { PRIORITY_LABELS } from '@/lib/priority/priority';
import type { ActionState } from '@/lib/core/action-state';
import type { ReferenceData } from '@/lib/tickets/reference-data';

/** The bulk server action, handed in by the page. */
export type BulkUpdateFn = (input: BulkInput) => Promise<ActionState<BulkOutcome>>;

type Kind = BulkInput['change']['kind'];

const SELECT = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** Acts on the selected rows: one change, one transaction, a report of what was refused and why. */
export function BulkToolbar({
  selected,
  teamsOfSelected,
  reference,
  bulkUpdate,
  onDone,
}: {
  selected: number[];
  /** The owning teams of the selected requests: an assignee must be a member of each. */
  teamsOfSelected: string[];
  reference: ReferenceData;
  bulkUpdate: BulkUpdateFn;
  onDone: (report: { message: string; outcome: BulkOutcome }) => void;
}) {
  const [kind, setKind] = useState<Kind>('assign');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();
  // Only agents the bulk change would accept for every selected request (it refuses non-members).
  const teamsOf = new Map<string, Set<string>>();
  for (const a of reference.agents) teamsOf.set(a.id, (teamsOf.get(a.id) ?? new Set()).add(a.teamId));
  const agents = [...new Map(reference.agents.map((a) => [a.id, a])).values()].filter((a) =>
    teamsOfSelected.every((t) => teamsOf.get(a.id)?.has(t)),
  );

  function change(): BulkInput['change'] | null {
    switch (kind) {
      case 'assign':
        return { kind, assigneeId: value === 'none' ? null : value };
      case 'status':
        return { kind, status: value as 'open' | 'pending' | 'on_hold' };
      case 'priority':
        return { kind, priority: Number(value), reason };
      case 'category':
        return { kind, categoryId: value };
      case 'team':
        return { kind, teamId: value };
      case 'tag':
        return { kind, tag: value };
      case 'merge':
        return { kind, into: Number(value) };
      case 'resolve':
        return { kind, summary };
      case 'close':
        return { kind };
    }
  }

  /** Resolve and close take no value from the list: resolve needs its summary, close nothing. */
  const needsValue = kind !== 'resolve' && kind !== 'close';

  function apply() {
    // The survivor must still be ticked: unticking it leaves a stale choice behind the select.
    const stale = kind === 'merge' && !selected.includes(Number(value));
    const c = change();
    if ((needsValue && !value) || stale || !c) {
      setError('Choose a value first.');
      return;
    }
    if (kind === 'resolve' && !summary.trim()) {
      setError('Write the resolution summary the customers will read.');
      return;
    }
    startTransition(async () => {
      const state = await bulkUpdate({ numbers: selected, change: c });
      if (state?.ok && state.data) {
        setError(null);
        onDone({ message: state.message ?? '', outcome: state.data });
      } else if (state && !state.ok) {
        setError(
          state.fieldErrors ? `${state.error} ${Object.values(state.fieldErrors).flat().join(' ')}` : state.error,
        );
      }
    });
  }

  const options: Record<Kind, { value: string; label: string }[]> = {
    assign: [{ value: 'none', label: 'Nobody (unassign)' }, ...agents.map((a) => ({ value: a.id, label: a.name }))],
    status: [
      { value: 'open', label: 'Open' },
      { value: 'pending', label: 'Waiting on customer' },
      { value: 'on_hold', label: 'On hold' },
    ],
    priority: ([1, 2, 3, 4] as const).map((p) => ({ value: String(p), label: PRIORITY_LABELS[p] })),
    category: reference.categories.map((c) => ({ value: c.id, label: c.name })),
    team: reference.teams.map((t) => ({ value: t.id, label: t.name })),
    tag: [],
    resolve: [],
    close: [],
    // The survivor is one of the selected requests, oldest (lowest number) first.
    merge: [...selected].sort((a, b) => a - b).map((n) => ({ value: String(n), label: `#${n}` })),
  };

  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="mb-3 space-y-2 rounded-lg border border-brand-100 bg-brand-50 p-3"
    >
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <span className="font-medium">{selected.length} selected</span>
        <div className="flex flex-col">
          <label htmlFor={`${id}-kind`} className="text-xs text-slate-600">
            Change
          </label>
          <select
            id={`${id}-kind`}
            className={SELECT}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setValue('');
            }}
          >
            <option value="assign">Assignee</option>
            <option value="status">Status</option>
            <option value="priority">Priority</option>
            <option value="category">Category</option>
            <option value="team">Team</option>
            <option value="tag">Add tag</option>
            <option value="merge">Merge into one</option>
            <option value="resolve">Resolve</option>
            <option value="close">Close (resolved requests)</option>
          </select>
        </div>
        {kind === 'resolve' ? (
          <div className="flex min-w-64 flex-1 flex-col">
            <label htmlFor={`${id}-summary`} className="text-xs text-slate-600">
              Resolution summary
            </label>
            <textarea
              id={`${id}-summary`}
              rows={2}
              className={SELECT}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          </div>
        ) : kind === 'close' ? (
          <p className="max-w-xs text-xs text-slate-600">
            Closes resolved requests now, without waiting for the customer to confirm.
          </p>
        ) : kind === 'tag' ? (
          <div className="flex flex-col">
            <label htmlFor={`${id}-value`} className="text-xs text-slate-600">
              Tag
            </label>
            <input id={`${id}-value`} className={SELECT} value={value} onChange={(e) => setValue(e.target.value)} />
          </div>
        ) : (
          <div className="flex flex-col">
            <label htmlFor={`${id}-value`} className="text-xs text-slate-600">
              {kind === 'merge' ? 'Keep request' : 'To'}
            </label>
            <select id={`${id}-value`} className={SELECT} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              {options[kind].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'priority' ? (
          <div className="flex flex-col">
            <label htmlFor={`${id}-reason`} className="text-xs text-slate-600">
              Reason
            </label>
            <input id={`${id}-reason`} className={SELECT} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        ) : null}
        <Button onClick={apply} disabled={pending}>
          {pending ? 'Applying…' : 'Apply to selected'}
        </Button>
      </div>
      <FormMessage error={error} />
    </div>
  );
}

/** What a bulk change did: how many changed, and each refusal with its reason. */
export function BulkReport({ report }: { report: { message: string; outcome: BulkOutcome } }) {
  return (
    <div
      role="status"
      aria-label="Bulk result"
      className="mb-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
    >
      <p>{report.message}</p>
      {report.outcome.refused.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-red-700">
          {report.outcome.refused.map((r) => (
            <li key={r.number}>
              #{r.number}: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Which requests are ticked for a bulk change. */
export function useSelection() {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const toggle = useCallback(
    (n: number) =>
      setPicked((s) => {
        const next = new Set(s);
        if (next.has(n)) next.delete(n);
        else next.add(n);
        return next;
      }),
    [],
  );
  return { picked, setPicked, toggle };
}
