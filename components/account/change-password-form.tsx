'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={form} action={submit} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={failed?.fieldErrors?.currentPassword}
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Your other sessions will be signed out."
        error={failed?.fieldErrors?.newPassword}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
