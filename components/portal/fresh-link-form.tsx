'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** "Send me fresh links": the same answer for every address (lib/guest/guest-request.ts resendGuestLinks). */
export function FreshLinkForm({ resendAction }: { resendAction: FormActionFn }) {
  const [state, action, pending] = useActionState(resendAction, null);
  if (state?.ok) return <FormMessage success={state.message} />;
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={failed?.fieldErrors?.email ? null : failed?.error} />
      <TextField
        label="Your e-mail address"
        name="email"
        type="email"
        autoComplete="email"
        maxLength={320}
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send me fresh links'}
      </Button>
    </form>
  );
}
