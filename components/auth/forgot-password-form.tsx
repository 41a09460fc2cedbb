'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function ForgotPasswordForm({ action }: { action: FormActionFn }) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Sending…' : 'Send me a link'}
      </Button>
    </form>
  );
}
