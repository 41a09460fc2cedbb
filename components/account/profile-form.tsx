'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextArea, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** Own name, and for staff the signature under their e-mailed replies (`signature` null: a customer, no field). */
export function ProfileForm({
  action,
  name,
  signature,
  maxSignature,
}: {
  action: FormActionFn;
  name: string;
  signature: string | null;
  maxSignature: number;
}) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        defaultValue={failed?.values?.name ?? name}
        error={failed?.fieldErrors?.name}
        required
      />
      {signature !== null ? (
        <TextArea
          label="E-mail signature"
          name="signature"
          rows={4}
          maxLength={maxSignature}
          hint={`Plain text under your replies that customers get by e-mail. At most ${maxSignature.toLocaleString('en')} characters.`}
          defaultValue={failed?.values?.signature ?? signature}
          error={failed?.fieldErrors?.signature}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save profile'}
      </Button>
    </form>
  );
}
