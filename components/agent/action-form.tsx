'use client';

import { useActionState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

/** A server action as a form takes it (passed in from a page: components never import app/). */
export type FormActionFn = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Action = FormActionFn;
export type Failed = Extract<NonNullable<ActionState>, { ok: false }> | null;

/** Someone else saved first: decided on the error code, never on the wording. */
export const isConflict = (state: ActionState | undefined): boolean =>
  !!state && !state.ok && state.code === 'conflict';

/**
 * A server-action form: hidden identifiers, fields that receive their messages, one named submit
 * button, and the result (a conflict tells the agent to reload) shown above.
 */
export function ActionForm({
  action,
  hidden,
  submitLabel,
  variant = 'primary',
  children,
  label,
  reloadLabel = 'Reload the request',
  onSuccess,
}: {
  action: Action;
  hidden: Record<string, string | number>;
  submitLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
  children?: (failed: Failed) => ReactNode;
  label?: string;
  /** The conflict's way out; "Reload the request" on a ticket. */
  reloadLabel?: string;
  /** Told the success message (a dialog closes and shows it on the page instead). */
  onSuccess?: (message: string | undefined) => void;
}) {
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const next = await action(prev, data);
    if (next?.ok) onSuccess?.(next.message);
    return next;
  }, null);
  const failed: Failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      {isConflict(failed) ? (
        <Button variant="secondary" onClick={() => window.location.reload()}>
          {reloadLabel}
        </Button>
      ) : null}
      {children?.(failed)}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}
