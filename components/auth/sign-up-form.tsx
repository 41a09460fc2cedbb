'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

export function SignUpForm({ signUpAction }: { signUpAction: FormActionFn }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(signUpAction, null);
  const password = useRef('');
  const email = useRef('');

  useEffect(() => {
    if (state?.ok) {
      void signIn('credentials', { email: email.current, password: password.current, redirect: false }).then(() => {
        router.replace('/portal');
        router.refresh();
      });
    }
  }, [state, router]);

  const failed = state && !state.ok ? state : null;
  return (
    <form
      action={action}
      onSubmit={(e) => {
        const form = new FormData(e.currentTarget);
        password.current = String(form.get('password') ?? '');
        email.current = String(form.get('email') ?? '');
      }}
      className="space-y-4"
      noValidate
    >
      <FormMessage error={failed?.error} success={state?.ok ? 'Account created. Signing you in…' : null} />
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
      <Button type="submit" className="w-full" disabled={pending || state?.ok === true}>
        {pending ? 'Creating…' : 'Create account'}
      </Button>
    </form>
  );
}
