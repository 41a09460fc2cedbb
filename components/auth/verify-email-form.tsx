'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

/** One button: the account is created when it is pressed, not when the link is opened. */
export function VerifyEmailForm({ action, token }: { action: FormActionFn; token: string }) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Confirm and create my account'}
      </Button>
    </form>
  );
}
