'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { PortalFilePicker } from './file-picker';

export function ReplyForm({
  replyAction,
  number,
  closed,
  idempotencyKey,
  files,
}: {
  replyAction: FormActionFn;
  number: number;
  closed: boolean;
  idempotencyKey: string;
  /** Files may go with the reply (lib/portal/uploads.ts). */
  files?: { formKey: string; maxBytes: number };
}) {
  const [state, action, pending] = useActionState(replyAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="number" value={number} />
      {closed ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextArea
        label={closed ? 'Write to us (opens a follow-up request)' : 'Your reply'}
        name="body"
        rows={4}
        defaultValue={failed?.values?.body}
        error={failed?.fieldErrors?.body}
        required
      />
      {files ? (
        <PortalFilePicker formKey={files.formKey} maxBytes={files.maxBytes} sent={state?.ok ? state : null} />
      ) : null}
      {failed?.fieldErrors?.file ? <FormMessage error={failed.fieldErrors.file[0]} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send reply'}
      </Button>
    </form>
  );
}

export function ConfirmOrReopen({
  confirmAction,
  reopenAction,
  number,
}: {
  confirmAction: FormActionFn;
  reopenAction: FormActionFn;
  number: number;
}) {
  const [confirmState, confirm, confirming] = useActionState(confirmAction, null);
  const [reopenState, reopen, reopening] = useActionState(reopenAction, null);
  const reopenFailed = reopenState && !reopenState.ok ? reopenState : null;
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <form action={confirm} className="space-y-3">
        <input type="hidden" name="number" value={number} />
        <p className="text-sm text-slate-700">Did this fix your problem?</p>
        <FormMessage
          error={confirmState && !confirmState.ok ? confirmState.error : null}
          success={confirmState?.ok ? confirmState.message : null}
        />
        <Button type="submit" disabled={confirming}>
          Yes, it is fixed
        </Button>
      </form>
      <form action={reopen} className="space-y-3" noValidate>
        <input type="hidden" name="number" value={number} />
        <FormMessage error={reopenFailed?.error} success={reopenState?.ok ? reopenState.message : null} />
        <TextArea
          label="Not fixed? Tell us what is still wrong"
          name="body"
          id="reopen-body"
          rows={3}
          defaultValue={reopenFailed?.values?.body}
          error={reopenFailed?.fieldErrors?.body}
          required
        />
        <Button type="submit" variant="secondary" disabled={reopening}>
          Reopen request
        </Button>
      </form>
    </div>
  );
}
