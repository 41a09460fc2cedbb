'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextArea } from '@/components/ui/field';
import type { FollowUpKind } from '@/db/schema';
import { MAX_CALL_ATTEMPTS, MAX_FOLLOW_UP_NOTE, OUTCOME_LABELS, OUTCOMES } from '@/lib/follow-up/outcomes';

/** Record what came of one follow-up: the outcome, a root cause (detractors), a note. */
export function OutcomeForm({
  action,
  id,
  kind,
  number,
  rootCauses,
}: {
  action: FormActionFn;
  id: string;
  kind: FollowUpKind;
  number: number;
  rootCauses: { id: string; name: string }[];
}) {
  const prefix = `follow-up-${id}`;
  return (
    <ActionForm action={action} hidden={{ id }} submitLabel="Record outcome" label={`Outcome for #${number}`}>
      {(failed) => (
        <div className="grid gap-3 sm:grid-cols-2">
          {/* Keyed by the echoed value: React keeps a select's first default, and resets the form after the action. */}
          <SelectField
            key={`outcome-${failed?.values?.outcome ?? ''}`}
            label="Outcome"
            name="outcome"
            id={`${prefix}-outcome`}
            defaultValue={failed?.values?.outcome ?? ''}
            error={failed?.fieldErrors?.outcome}
            required
            hint={
              kind === 'call'
                ? `“No answer” keeps the call open for another try (closed after ${MAX_CALL_ATTEMPTS} tries).`
                : undefined
            }
          >
            <option value="">Choose…</option>
            {OUTCOMES[kind].map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </SelectField>
          {kind === 'detractor' ? (
            <SelectField
              key={`cause-${failed?.values?.rootCauseId ?? ''}`}
              label="Root cause"
              name="rootCauseId"
              id={`${prefix}-cause`}
              defaultValue={failed?.values?.rootCauseId ?? ''}
              error={failed?.fieldErrors?.rootCauseId}
              hint="Needed when you spoke to the customer."
            >
              <option value="">None</option>
              {rootCauses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <div className="sm:col-span-2">
            <TextArea
              label="Note"
              name="note"
              id={`${prefix}-note`}
              rows={2}
              maxLength={MAX_FOLLOW_UP_NOTE}
              defaultValue={failed?.values?.note ?? ''}
              error={failed?.fieldErrors?.note}
            />
          </div>
        </div>
      )}
    </ActionForm>
  );
}
