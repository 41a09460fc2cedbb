'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** The new password for a reset link; success goes to the sign-in page (the action redirects). */
export function ResetPasswordForm({ action, token, email }: { action: FormActionFn; token: string; email: string }) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={failed?.fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  );
}
