'use client';

import { useActionState } from 'react';
import type { FormActionFn } from './action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function LogContactForm({
  logContactAction,
  categories,
  idempotencyKey,
  initial,
}: {
  logContactAction: FormActionFn;
  categories: { id: string; name: string }[];
  idempotencyKey: string;
  initial: { name?: string; email?: string; phone?: string };
}) {
  const [state, action, pending] = useActionState(logContactAction, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SelectField
        label="Channel"
        name="channel"
        defaultValue={v?.channel ?? 'phone'}
        error={failed?.fieldErrors?.channel}
      >
        <option value="phone">Phone</option>
        <option value="chat">Chat</option>
        <option value="social">Social media</option>
        <option value="email">E-mail</option>
      </SelectField>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-700">Customer</legend>
        <p className="text-xs text-slate-500">
          We find the customer by e-mail, then phone; a new customer is created if neither matches.
        </p>
        <TextField
          label="Customer name"
          name="customerName"
          defaultValue={v?.customerName ?? initial.name}
          error={failed?.fieldErrors?.customerName}
        />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField
            label="Customer e-mail"
            name="customerEmail"
            type="email"
            defaultValue={v?.customerEmail ?? initial.email}
            error={failed?.fieldErrors?.customerEmail}
          />
          <TextField
            label="Customer phone"
            name="customerPhone"
            type="tel"
            defaultValue={v?.customerPhone ?? initial.phone}
            error={failed?.fieldErrors?.customerPhone}
          />
        </div>
      </fieldset>
      <TextField
        label="Subject"
        name="subject"
        maxLength={200}
        defaultValue={v?.subject}
        error={failed?.fieldErrors?.subject}
      />
      <SelectField
        label="Category (optional)"
        name="categoryId"
        defaultValue={v?.categoryId ?? ''}
        error={failed?.fieldErrors?.categoryId}
      >
        <option value="">Not yet known</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextArea
        label="What the customer said"
        name="description"
        rows={6}
        defaultValue={v?.description}
        error={failed?.fieldErrors?.description}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Log contact'}
      </Button>
    </form>
  );
}
