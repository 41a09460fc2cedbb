'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type AcceptAction = (
  prev: ActionState<{ email: string }>,
  formData: FormData,
) => Promise<ActionState<{ email: string }>>;

/**
 * The invited person chooses their name and password; once the login exists they are signed in
 * with it and land in the workspace (or on the sign-in page if that sign-in fails).
 */
export function AcceptInvitationForm({
  action,
  token,
  email,
  name,
}: {
  action: AcceptAction;
  token: string;
  email: string;
  name: string;
}) {
  const router = useRouter();
  const [state, submit, pending] = useActionState(action, null);
  const password = useRef('');
  useEffect(() => {
    if (!state?.ok || !state.data) return;
    void signIn('credentials', { email: state.data.email, password: password.current, redirect: false }).then(
      (result) => {
        router.replace(result?.ok ? '/tickets' : '/signin');
        router.refresh();
      },
    );
  }, [state, router]);
  const failed = state && !state.ok ? state : null;
  return (
    <form
      action={submit}
      onSubmit={(e) => {
        password.current = String(new FormData(e.currentTarget).get('password') ?? '');
      }}
      className="space-y-4"
      noValidate
    >
      <FormMessage error={failed?.error} success={state?.ok ? 'Welcome aboard. Signing you in…' : null} />
      <input type="hidden" name="token" value={token} />
      <TextField label="Email" name="email-shown" value={email} readOnly autoComplete="username" />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        defaultValue={failed?.values?.name ?? name}
        error={failed?.fieldErrors?.name}
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
      <Button type="submit" disabled={pending || !!state?.ok}>
        {pending ? 'Creating your login…' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
