'use client';

import { useActionState } from 'react';
import { PortalFilePicker } from '@/components/portal/file-picker';
import { Button } from '@/components/ui/button';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';
import { ArticleSuggestions } from '@/components/help/article-suggestions';

type Submitted = { number: number | null; email: string };
type SubmitFn = (prev: ActionState<Submitted>, formData: FormData) => Promise<ActionState<Submitted>>;

/**
 * Asking without an account (/portal/new signed out, /portal/embed): name, address, the request
 * and files. On success the form gives way to a thank-you that says where the link went; the
 * request itself is opened from that mail, which proves the address. `website` is a honeypot:
 * hidden from people and the keyboard, filled only by scripts.
 */
export function GuestRequestForm({
  action: submit,
  categories,
  idempotencyKey,
  formKey,
  maxBytes,
}: {
  action: SubmitFn;
  categories: { id: string; name: string }[];
  idempotencyKey: string;
  formKey: string;
  maxBytes: number;
}) {
  const [state, action, pending] = useActionState(submit, null);
  if (state?.ok) {
    const number = state.data?.number;
    return (
      <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-emerald-900">
        <h2 className="text-lg font-semibold">Thank you — we have your request{number ? ` #${number}` : ''}.</h2>
        <p className="text-sm">
          We have sent a confirmation to <strong className="break-all">{state.data?.email}</strong> with a link to
          follow your request and answer us, no password needed. The link works for 30 days and every reply we send
          carries a fresh one.
        </p>
      </div>
    );
  }
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          maxLength={200}
          defaultValue={failed?.values?.name}
          error={failed?.fieldErrors?.name}
          required
        />
        <TextField
          label="Your e-mail address"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={320}
          hint="We send your request's link here."
          defaultValue={failed?.values?.email}
          error={failed?.fieldErrors?.email}
          required
        />
      </div>
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="guest-website">Website (leave empty)</label>
        <input id="guest-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <TextField
        label="Subject"
        name="subject"
        maxLength={200}
        defaultValue={failed?.values?.subject}
        error={failed?.fieldErrors?.subject}
        required
      />
      {categories.length > 0 ? (
        <SelectField
          label="Category (optional)"
          name="categoryId"
          defaultValue={failed?.values?.categoryId ?? ''}
          error={failed?.fieldErrors?.categoryId}
        >
          <option value="">I am not sure</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextArea
        label="Description"
        name="description"
        rows={8}
        hint="What happened, when, and what you expected. Order or invoice numbers help."
        defaultValue={failed?.values?.description}
        error={failed?.fieldErrors?.description}
        required
      />
      <ArticleSuggestions />
      <PortalFilePicker formKey={formKey} maxBytes={maxBytes} />
      {failed?.fieldErrors?.file ? (
        <p role="alert" className="text-sm text-red-600">
          {failed.fieldErrors.file[0]}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Submit request'}
      </Button>
    </form>
  );
}
