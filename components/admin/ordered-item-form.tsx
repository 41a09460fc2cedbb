'use client';

import type { ReactNode } from 'react';
import { ActionForm, type Failed, type FormActionFn } from '@/components/agent/action-form';
import { TextField } from '@/components/ui/field';

/**
 * Add (no item) or edit one entry of an admin's ordered list — a name and a position, lower first —
 * with any further fields of that list below (`children`). The root causes (/admin/root-causes) and
 * the QA rubric (/admin/qa) are such lists. Ids are prefixed so several forms share the page.
 */
export function OrderedItemForm({
  action,
  item,
  noun,
  idPrefix,
  nameMaxLength,
  positionName,
  children,
}: {
  action: FormActionFn;
  item?: { id: string; name: string; position: number };
  /** "root cause", "criterion": the words of the buttons and the form's label. */
  noun: string;
  idPrefix: string;
  nameMaxLength: number;
  /** The form field of the position ("sort", "position"), as the list's use case reads it. */
  positionName: string;
  children?: (failed: Failed, prefix: string) => ReactNode;
}) {
  const prefix = item ? `${idPrefix}-${item.id}` : `new-${idPrefix}`;
  return (
    <ActionForm
      action={action}
      hidden={item ? { id: item.id } : {}}
      submitLabel={item ? `Save ${noun}` : `Add ${noun}`}
      label={item ? `Edit ${item.name}` : `New ${noun}`}
    >
      {(failed) => (
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
          <TextField
            label="Name"
            name="name"
            id={`${prefix}-name`}
            maxLength={nameMaxLength}
            defaultValue={failed?.values?.name ?? item?.name}
            error={failed?.fieldErrors?.name}
            required
          />
          <TextField
            label="Position"
            name={positionName}
            id={`${prefix}-${positionName}`}
            type="number"
            min={0}
            max={999}
            defaultValue={failed?.values?.[positionName] ?? String(item?.position ?? 0)}
            error={failed?.fieldErrors?.[positionName]}
            hint="Lower comes first."
          />
          {children?.(failed, prefix)}
        </div>
      )}
    </ActionForm>
  );
}
