'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { signInSchema } from '@/lib/auth/schemas';
import { decodeSignInError } from '@/lib/auth/sign-in-error';
import { fromZod, type FieldErrors } from '@/lib/core/result';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };
    // Say what is missing before asking the server (the server checks the same schema).
    const parsed = signInSchema.safeParse(values);
    if (!parsed.success) {
      setError(null);
      setFieldErrors(fromZod(parsed.error).fieldErrors ?? {});
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const result = await signIn('credentials', { ...values, redirect: false });
    if (!result || result.error) {
      setBusy(false);
      const ours = decodeSignInError(result?.error);
      if (ours) {
        setError(ours.code === 'invalid' ? 'Please correct the highlighted fields.' : ours.message);
        setFieldErrors(ours.fieldErrors ?? {});
      } else {
        setError('Sign-in failed. Please try again.');
      }
      return;
    }
    // The home page sends each role where its work is.
    router.replace('/');
    router.refresh();
  }

  // method="post": before the script loads (or without it) a GET would put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormMessage error={error} />
      <TextField label="Email" name="email" type="email" autoComplete="email" error={fieldErrors.email} required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={fieldErrors.password}
        required
      />
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
