'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type Action = (prev: ActionState) => Promise<ActionState>;

/** "Mark all read" on /notifications: a plain form, so it works before any script has loaded. */
export function MarkAllReadForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="flex items-center gap-3">
      <FormMessage error={state && !state.ok ? state.error : null} success={state?.ok ? state.message : null} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Marking…' : 'Mark all read'}
      </Button>
    </form>
  );
}
