'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type CreateAction = (prev: ActionState<{ token: string }>, data: FormData) => Promise<ActionState<{ token: string }>>;

const SCOPE_LABELS: Record<string, string> = {
  read: 'Read — only reads',
  write: 'Write — reads and changes',
  admin: 'Admin — everything an admin may do',
};
const LIFETIMES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

/**
 * "New API token": name, scope and lifetime (and, for admins, whose). The secret is shown once,
 * in the form's answer, and never again: the server keeps only its hash.
 */
export function NewTokenForm({
  action,
  scopes,
  owners,
}: {
  action: CreateAction;
  scopes: string[];
  /** Admins pick the owner; absent: the token is your own. */
  owners?: { id: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const token = state?.ok ? state.data?.token : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-3" noValidate aria-label="New API token">
        <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
        <TextField
          label="Token name"
          name="name"
          maxLength={100}
          hint="What it is for, e.g. “CRM sync”."
          defaultValue={failed?.values?.name ?? ''}
          error={failed?.fieldErrors?.name}
        />
        {owners ? (
          <SelectField
            label="Owner"
            name="userId"
            defaultValue={failed?.values?.userId ?? ''}
            error={failed?.fieldErrors?.userId}
          >
            <option value="">Yourself</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          label="Scope"
          name="scope"
          defaultValue={failed?.values?.scope ?? 'read'}
          error={failed?.fieldErrors?.scope}
          hint="A token never does more than its owner's role allows."
        >
          {scopes.map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABELS[s] ?? s}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Expires after"
          name="expiresInDays"
          defaultValue={failed?.values?.expiresInDays ?? '90'}
          error={failed?.fieldErrors?.expiresInDays}
        >
          {LIFETIMES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {token ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" role="region" aria-label="Your new token">
          <TextField
            label="New token"
            name="token"
            readOnly
            value={token}
            hint="Copy it now: it is shown only once. Send it as Authorization: Bearer <token>."
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </div>
  );
}
