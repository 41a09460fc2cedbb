'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** Sign-up asks for a login; the mailed link creates it. After sending, the form gives way to "check your inbox". */
export function SignUpForm({ signUpAction }: { signUpAction: FormActionFn }) {
  const [state, action, pending] = useActionState(signUpAction, null);
  if (state?.ok) return <FormMessage success={state.message} />;
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        defaultValue={failed?.values?.name}
        error={failed?.fieldErrors?.name}
        required
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={failed?.fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Sending…' : 'Create account'}
      </Button>
    </form>
  );
}
