'use client';

import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { PRIORITY_LABELS } from '@/lib/priority/priority';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { STATUS_LABELS } from '@/lib/tickets/transitions';
import { ActionForm, type FormActionFn } from './action-form';

type OnSuccess = (message: string | undefined) => void;

export function CreateMacroForm({
  number,
  action,
  reference,
  canShare,
  onSuccess,
}: {
  number: number;
  action: FormActionFn;
  reference: ReferenceData;
  canShare: boolean;
  onSuccess?: OnSuccess;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ number }}
      submitLabel="Save macro"
      variant="secondary"
      label="Create macro"
      onSuccess={onSuccess}
    >
      {(failed) => (
        <>
          <TextField
            label="Title"
            name="title"
            id="macro-title"
            defaultValue={failed?.values?.title}
            error={failed?.fieldErrors?.title}
          />
          <TextArea
            label="Text"
            name="body"
            id="macro-body"
            rows={4}
            hint="Placeholders: {{customer.name}} {{ticket.number}} {{ticket.cern}} {{ticket.subject}} {{agent.name}}"
            defaultValue={failed?.values?.body}
            error={failed?.fieldErrors?.body}
          />
          <SelectField label="Then set status" name="setStatus" defaultValue={failed?.values?.setStatus ?? ''}>
            <option value="">Leave as is</option>
            {(['pending', 'on_hold', 'open'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Then set priority" name="setPriority" defaultValue={failed?.values?.setPriority ?? ''}>
            <option value="">Leave as is</option>
            {([1, 2, 3, 4] as const).map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Then set category"
            name="setCategoryId"
            defaultValue={failed?.values?.setCategoryId ?? ''}
          >
            <option value="">Leave as is</option>
            {reference.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {canShare ? (
            <SelectField
              label="Who can use it"
              name="scope"
              defaultValue={failed?.values?.scope ?? 'personal'}
              error={failed?.fieldErrors?.scope}
            >
              <option value="personal">Only me</option>
              <option value="shared">Everyone</option>
            </SelectField>
          ) : null}
        </>
      )}
    </ActionForm>
  );
}

export function MergeForm({
  number,
  action,
  onSuccess,
}: {
  number: number;
  action: FormActionFn;
  onSuccess?: OnSuccess;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ number }}
      submitLabel="Merge"
      variant="secondary"
      label="Merge into another request"
      onSuccess={onSuccess}
    >
      {(failed) => (
        <TextField
          label="Merge this request into #"
          name="into"
          inputMode="numeric"
          hint="Same customer only. This one closes and points there."
          defaultValue={failed?.values?.into}
          error={failed?.fieldErrors?.into}
        />
      )}
    </ActionForm>
  );
}

export function LinkForm({
  number,
  action,
  onSuccess,
}: {
  number: number;
  action: FormActionFn;
  onSuccess?: OnSuccess;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ number }}
      submitLabel="Link"
      variant="secondary"
      label="Link a related request"
      onSuccess={onSuccess}
    >
      {(failed) => (
        <TextField
          label="Related request #"
          name="other"
          inputMode="numeric"
          defaultValue={failed?.values?.other}
          error={failed?.fieldErrors?.other}
        />
      )}
    </ActionForm>
  );
}
