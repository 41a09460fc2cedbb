'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { PRIORITY_LABELS } from '@/lib/priority/priority';
import { STATUS_LABELS } from '@/lib/tickets/transitions';

type Category = { id: string; name: string };
export interface EditableMacro {
  id: string;
  title: string;
  body: string;
  setStatus: string | null;
  setPriority: number | null;
  setCategoryId: string | null;
  categoryName: string | null;
}

/** Create (no macro) or edit one. Ids carry the macro's id, so a page can hold many. */
export function MacroForm({
  action,
  categories,
  macro,
}: {
  action: FormActionFn;
  /** Active categories; a macro's retired one is added as "(retired)" so keeping it is possible. */
  categories: Category[];
  macro?: EditableMacro;
}) {
  const prefix = macro ? `macro-${macro.id}` : 'new-macro';
  const retired =
    macro?.setCategoryId && !categories.some((c) => c.id === macro.setCategoryId)
      ? { id: macro.setCategoryId, name: `${macro.categoryName ?? 'Current category'} (retired)` }
      : null;
  return (
    <ActionForm
      action={action}
      hidden={macro ? { id: macro.id } : {}}
      submitLabel={macro ? 'Save macro' : 'Create macro'}
      label={macro ? `Edit ${macro.title}` : 'New macro'}
    >
      {(failed) => (
        <>
          <TextField
            label="Title"
            name="title"
            id={`${prefix}-title`}
            maxLength={120}
            defaultValue={failed?.values?.title ?? macro?.title}
            error={failed?.fieldErrors?.title}
          />
          <TextArea
            label="Text"
            name="body"
            id={`${prefix}-body`}
            rows={4}
            hint="Placeholders: {{customer.name}} {{ticket.number}} {{ticket.cern}} {{ticket.subject}} {{agent.name}}"
            defaultValue={failed?.values?.body ?? macro?.body}
            error={failed?.fieldErrors?.body}
          />
          <SelectField
            label="Then set status"
            name="setStatus"
            id={`${prefix}-status`}
            defaultValue={failed?.values?.setStatus ?? macro?.setStatus ?? ''}
            error={failed?.fieldErrors?.setStatus}
          >
            <option value="">Leave as is</option>
            {(['pending', 'on_hold', 'open'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Then set priority"
            name="setPriority"
            id={`${prefix}-priority`}
            defaultValue={failed?.values?.setPriority ?? (macro?.setPriority ? String(macro.setPriority) : '')}
            error={failed?.fieldErrors?.setPriority}
          >
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
            id={`${prefix}-category`}
            defaultValue={failed?.values?.setCategoryId ?? macro?.setCategoryId ?? ''}
            error={failed?.fieldErrors?.setCategoryId}
          >
            <option value="">Leave as is</option>
            {retired ? <option value={retired.id}>{retired.name}</option> : null}
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </ActionForm>
  );
}

export function DeleteMacroForm({ action, macro }: { action: FormActionFn; macro: { id: string; title: string } }) {
  return (
    <ActionForm
      action={action}
      hidden={{ id: macro.id }}
      submitLabel={`Delete ${macro.title}`}
      variant="danger"
      label={`Delete ${macro.title}`}
    />
  );
}
