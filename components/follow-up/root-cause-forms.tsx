'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { OrderedItemForm } from '@/components/admin/ordered-item-form';

type RootCause = { id: string; name: string; sort: number };

/** Create (no cause) or rename / move one (the shared ordered-list form). */
export function RootCauseForm({ action, cause }: { action: FormActionFn; cause?: RootCause }) {
  return (
    <OrderedItemForm
      action={action}
      item={cause ? { id: cause.id, name: cause.name, position: cause.sort } : undefined}
      noun="root cause"
      idPrefix="root-cause"
      nameMaxLength={80}
      positionName="sort"
    />
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
