'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextArea, TextField } from '@/components/ui/field';

type Team = { id: string; name: string };
type Category = { id: string; name: string; description: string; defaultTeamId: string | null };

/** Create (no category) or edit one; ids are prefixed so several forms can share the page. */
export function CategoryForm({
  action,
  teams,
  category,
}: {
  action: FormActionFn;
  teams: Team[];
  category?: Category;
}) {
  const prefix = category ? `category-${category.id}` : 'new-category';
  return (
    <ActionForm
      action={action}
      hidden={category ? { id: category.id } : {}}
      submitLabel={category ? 'Save category' : 'Create category'}
      label={category ? `Edit ${category.name}` : 'New category'}
    >
      {(failed) => (
        <>
          <TextField
            label="Name"
            name="name"
            id={`${prefix}-name`}
            maxLength={80}
            defaultValue={failed?.values?.name ?? category?.name}
            error={failed?.fieldErrors?.name}
            required
          />
          <TextArea
            label="Description"
            name="description"
            id={`${prefix}-description`}
            rows={2}
            maxLength={500}
            defaultValue={failed?.values?.description ?? category?.description}
            error={failed?.fieldErrors?.description}
          />
          <SelectField
            label="Default team"
            name="defaultTeamId"
            id={`${prefix}-team`}
            defaultValue={failed?.values?.defaultTeamId ?? category?.defaultTeamId ?? ''}
            error={failed?.fieldErrors?.defaultTeamId}
            hint="New requests in this category go to this team."
          >
            <option value="">No default team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </ActionForm>
  );
}

export function RetireCategoryForm({
  action,
  category,
}: {
  action: FormActionFn;
  category: { id: string; name: string; retired: boolean };
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ id: category.id, retired: category.retired ? 'false' : 'true' }}
      submitLabel={category.retired ? `Restore ${category.name}` : `Retire ${category.name}`}
      variant="secondary"
      label={category.retired ? `Restore ${category.name}` : `Retire ${category.name}`}
    />
  );
}
