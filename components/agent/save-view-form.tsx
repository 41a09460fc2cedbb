'use client';

import { SelectField, TextField } from '@/components/ui/field';
import { ActionForm, type FormActionFn } from './action-form';

export function SaveViewForm({
  saveViewAction,
  query,
  teams,
}: {
  saveViewAction: FormActionFn;
  query: string;
  teams: { id: string; name: string }[];
}) {
  return (
    <ActionForm
      action={saveViewAction}
      hidden={{ query }}
      submitLabel="Save view"
      variant="secondary"
      label="Save this view"
    >
      {(failed) => (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField
            label="View name"
            name="name"
            defaultValue={failed?.values?.name}
            error={failed?.fieldErrors?.name}
          />
          <SelectField label="For" name="teamId" id="view-team" defaultValue="" error={failed?.fieldErrors?.teamId}>
            <option value="">Only me</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                Team {t.name}
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </ActionForm>
  );
}
