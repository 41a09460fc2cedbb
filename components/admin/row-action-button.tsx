'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/core/action-state';

type RowAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One button that acts on one row (retry a job, cancel it, resend a mail): a form posting the
 * row's id to a server action, with the refusal or the result said beside it.
 */
export function RowActionButton({
  action,
  id,
  label,
  accessibleLabel,
  variant = 'secondary',
}: {
  action: RowAction;
  id: string;
  label: string;
  accessibleLabel: string;
  variant?: 'secondary' | 'danger' | 'primary';
}) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
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
