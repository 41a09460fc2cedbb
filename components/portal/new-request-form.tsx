'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { ArticleSuggestions } from '@/components/help/article-suggestions';
import { Button } from '@/components/ui/button';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { PortalFilePicker } from './file-picker';

/** The idempotency key makes a double click or a resubmitted form create one request, not two. */
export function NewRequestForm({
  submitRequestAction,
  categories,
  idempotencyKey,
  files,
}: {
  submitRequestAction: FormActionFn;
  categories: { id: string; name: string }[];
  idempotencyKey: string;
  /** Files may go with the request (lib/portal/uploads.ts). */
  files?: { formKey: string; maxBytes: number };
}) {
  const [state, action, pending] = useActionState(submitRequestAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={failed?.error} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <TextField
        label="Subject"
        name="subject"
        maxLength={200}
        defaultValue={failed?.values?.subject}
        error={failed?.fieldErrors?.subject}
        required
      />
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
      {files ? <PortalFilePicker formKey={files.formKey} maxBytes={files.maxBytes} /> : null}
      {failed?.fieldErrors?.file ? <FormMessage error={failed.fieldErrors.file[0]} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Submit request'}
      </Button>
    </form>
  );
}
