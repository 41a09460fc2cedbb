'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField } from '@/components/ui/field';

/** A one-button admin action on a person or an invitation (resend, cancel, deactivate, reactivate). */
export function ButtonForm({
  action,
  hidden,
  submitLabel,
  label,
  variant = 'secondary',
}: {
  action: FormActionFn;
  hidden: Record<string, string>;
  submitLabel: string;
  label: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      label={label}
      variant={variant}
      reloadLabel="Reload the page"
    />
  );
}

export function RoleForm({
  action,
  userId,
  role,
  roles,
}: {
  action: FormActionFn;
  userId: string;
  role: string;
  roles: { value: string; label: string }[];
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ userId }}
      submitLabel="Change role"
      label="Role"
      variant="secondary"
      reloadLabel="Reload the page"
    >
      {(failed) => (
        <SelectField
          label="Role"
          name="role"
          defaultValue={failed?.values?.role ?? role}
          error={failed?.fieldErrors?.role}
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
      )}
    </ActionForm>
  );
}

export function ReassignForm({
  action,
  userId,
  candidates,
  count,
}: {
  action: FormActionFn;
  userId: string;
  candidates: { id: string; name: string; teams: string[] }[];
  count: number;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ userId }}
      submitLabel={`Reassign ${count} open request${count === 1 ? '' : 's'}`}
      label="Reassign open requests"
      reloadLabel="Reload the page"
    >
      {(failed) => (
        <SelectField
          label="Reassign to"
          name="assigneeId"
          defaultValue={failed?.values?.assigneeId ?? ''}
          error={failed?.fieldErrors?.assigneeId}
          hint="Each request keeps its team; someone outside a request's team is refused for that request."
        >
          <option value="">Unassigned</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.teams.length > 0 ? ` (${c.teams.join(', ')})` : ''}
            </option>
          ))}
        </SelectField>
      )}
    </ActionForm>
  );
}
