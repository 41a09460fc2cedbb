'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { TextField } from '@/components/ui/field';

type RootCause = { id: string; name: string; sort: number };

/** Create (no cause) or rename / move one; ids are prefixed so several forms share the page. */
export function RootCauseForm({ action, cause }: { action: FormActionFn; cause?: RootCause }) {
  const prefix = cause ? `root-cause-${cause.id}` : 'new-root-cause';
  return (
    <ActionForm
      action={action}
      hidden={cause ? { id: cause.id } : {}}
      submitLabel={cause ? 'Save root cause' : 'Add root cause'}
      label={cause ? `Edit ${cause.name}` : 'New root cause'}
    >
      {(failed) => (
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
          <TextField
            label="Name"
            name="name"
            id={`${prefix}-name`}
            maxLength={80}
            defaultValue={failed?.values?.name ?? cause?.name}
            error={failed?.fieldErrors?.name}
            required
          />
          <TextField
            label="Position"
            name="sort"
            id={`${prefix}-sort`}
            type="number"
            min={0}
            max={999}
            defaultValue={failed?.values?.sort ?? String(cause?.sort ?? 0)}
            error={failed?.fieldErrors?.sort}
            hint="Lower comes first."
          />
        </div>
      )}
    </ActionForm>
  );
}

export function RetireRootCauseForm({
  action,
  cause,
}: {
  action: FormActionFn;
  cause: { id: string; name: string; retired: boolean };
}) {
  const label = cause.retired ? `Restore ${cause.name}` : `Retire ${cause.name}`;
  return (
    <ActionForm
      action={action}
      hidden={{ id: cause.id, retired: cause.retired ? 'false' : 'true' }}
      submitLabel={label}
      variant="secondary"
      label={label}
    />
  );
}
