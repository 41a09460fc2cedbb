'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/core/action-state';

type RowAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One button that acts on one row (retry a job, cancel it, resend a mail, redeliver a webhook): a
 * form posting the row's id (and any other hidden `fields`) to a server action, with the refusal
 * or the result said beside it.
 */
export function RowActionButton({
  action,
  id,
  fields = {},
  label,
  accessibleLabel,
  variant = 'secondary',
}: {
  action: RowAction;
  id?: string;
  fields?: Record<string, string>;
  label: string;
  accessibleLabel?: string;
  variant?: 'secondary' | 'danger' | 'primary';
}) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="flex flex-wrap items-center gap-2">
      {Object.entries(id === undefined ? fields : { id, ...fields }).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} aria-label={accessibleLabel}>
        {label}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : state?.ok && state.message ? (
        <span role="status" className="text-sm text-emerald-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
