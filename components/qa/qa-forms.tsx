'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { OrderedItemForm } from '@/components/admin/ordered-item-form';
import { TextArea, TextField } from '@/components/ui/field';

const SCORES = [1, 2, 3, 4, 5] as const;
const SCORE_WORDS: Record<number, string> = { 1: 'poor', 2: 'weak', 3: 'fair', 4: 'good', 5: 'excellent' };

type Criterion = { id: string; name: string; description: string };

/** The review form: one labelled radio group (1–5) per criterion, its error beside it, and a comment. */
export function ReviewForm({
  action,
  sampleId,
  number,
  criteria,
  review,
}: {
  action: FormActionFn;
  sampleId: string;
  number: number;
  criteria: Criterion[];
  review: { scores: Record<string, number>; comment: string } | null;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ sampleId }}
      submitLabel={review ? 'Update review' : 'Save review'}
      label={`Review of request #${number}`}
    >
      {(failed) => (
        <div className="space-y-4">
          {criteria.map((c) => {
            const field = `score_${c.id}`;
            const error = failed?.fieldErrors?.[field]?.[0];
            const chosen = failed?.values?.[field] ?? (review?.scores[c.id] ? String(review.scores[c.id]) : undefined);
            return (
              <fieldset
                key={c.id}
                className="space-y-2"
                aria-describedby={error ? `${field}-error` : c.description ? `${field}-hint` : undefined}
              >
                <legend className="text-sm font-medium text-slate-800">{c.name}</legend>
                {c.description ? (
                  <p id={`${field}-hint`} className="text-xs text-slate-600">
                    {c.description}
                  </p>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  {SCORES.map((s) => (
                    <label
                      key={s}
                      className="flex items-center gap-1.5 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
                    >
                      <input type="radio" name={field} value={s} defaultChecked={chosen === String(s)} />
                      <span>
                        {s} <span className="text-slate-600">{SCORE_WORDS[s]}</span>
                      </span>
                    </label>
                  ))}
                </div>
                {error ? (
                  <p id={`${field}-error`} role="alert" className="text-sm text-red-600">
                    {error}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
          <TextArea
            label="Comment for the agent"
            name="comment"
            id={`comment-${sampleId}`}
            maxLength={2000}
            defaultValue={failed?.values?.comment ?? review?.comment ?? ''}
            error={failed?.fieldErrors?.comment}
            hint="The agent reads this with the scores."
          />
        </div>
      )}
    </ActionForm>
  );
}

/** "Draw sample for week …": the admin's size, the same seeded draw as the Monday job. */
export function DrawSampleForm({ action, week, label }: { action: FormActionFn; week: string; label: string }) {
  return (
    <ActionForm
      action={action}
      hidden={{ week }}
      submitLabel={`Draw sample for ${label}`}
      variant="secondary"
      label={`Draw sample for ${label}`}
    />
  );
}

type RubricCriterion = Criterion & { position: number; active: boolean };

/** Add (no criterion) or edit one criterion of the rubric (the shared ordered-list form, plus its description). */
export function CriterionForm({ action, criterion }: { action: FormActionFn; criterion?: RubricCriterion }) {
  return (
    <OrderedItemForm
      action={action}
      item={criterion}
      noun="criterion"
      idPrefix="criterion"
      nameMaxLength={60}
      positionName="position"
    >
      {(failed, prefix) => (
        <>
          <div className="sm:col-span-2">
            <TextArea
              label="What a 5 looks like"
              name="description"
              id={`${prefix}-description`}
              rows={2}
              maxLength={300}
              defaultValue={failed?.values?.description ?? criterion?.description ?? ''}
              error={failed?.fieldErrors?.description}
            />
          </div>
          {criterion ? (
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name="active"
                id={`${prefix}-active`}
                defaultChecked={failed?.values ? failed.values.active === 'on' : criterion.active}
              />
              Active (on the review form)
            </label>
          ) : null}
        </>
      )}
    </OrderedItemForm>
  );
}

export function SampleSizeForm({ action, sampleSize }: { action: FormActionFn; sampleSize: number }) {
  return (
    <ActionForm action={action} hidden={{}} submitLabel="Save sample size" label="Sample size">
      {(failed) => (
        <TextField
          label="Requests sampled per agent per week"
          name="sampleSize"
          type="number"
          min={0}
          max={50}
          defaultValue={failed?.values?.sampleSize ?? String(sampleSize)}
          error={failed?.fieldErrors?.sampleSize}
          hint="Drawn each Monday for the week before; 0 draws none."
        />
      )}
    </ActionForm>
  );
}
