'use client';

import { useActionState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export interface SurveyQuestionsShown {
  askCsat: boolean;
  askNps: boolean;
  askFixed: boolean;
  askComment: boolean;
}

const CHOICE =
  'flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-100';

/** A group of radio buttons with its question as the legend and its error beside it. */
function Choices({
  name,
  legend,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; aria?: string }[];
  checked: string | undefined;
  error: string | undefined;
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((o) => (
          <label key={o.value} className={CHOICE}>
            <input type="radio" name={name} value={o.value} defaultChecked={checked === o.value} aria-label={o.aria} />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The satisfaction survey: only the questions an admin turned on (/admin/settings). The same form
 * in the portal (`hidden` carries the request number) and on the mailed link's page (the link).
 */
export function SurveyForm({
  surveyAction,
  hidden,
  ask,
}: {
  surveyAction: FormActionFn;
  hidden: Record<string, string | number>;
  ask: SurveyQuestionsShown;
}) {
  const [state, action, pending] = useActionState(surveyAction, null);
  const failed = state && !state.ok ? state : null;
  if (state?.ok) return <FormMessage success={state.message} />;
  const errors = failed?.fieldErrors;
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Survey">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage error={failed?.error} />
      {ask.askFixed ? (
        <Choices
          name="fixed"
          legend="Was your issue fixed?"
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          checked={failed?.values?.fixed}
          error={errors?.fixed?.[0]}
        />
      ) : null}
      {ask.askCsat ? (
        <Choices
          name="csat"
          legend="How satisfied are you with our support? (1 = very unsatisfied, 5 = very satisfied)"
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n), aria: `Satisfaction ${n} of 5` }))}
          checked={failed?.values?.csat}
          error={errors?.csat?.[0]}
        />
      ) : null}
      {ask.askNps ? (
        <Choices
          name="nps"
          legend="How likely are you to recommend us to a friend? (0 = not at all, 10 = extremely)"
          options={Array.from({ length: 11 }, (_, n) => ({
            value: String(n),
            label: String(n),
            aria: `Recommend ${n} of 10`,
          }))}
          checked={failed?.values?.nps}
          error={errors?.nps?.[0]}
        />
      ) : null}
      {ask.askComment ? (
        <TextArea
          label="Anything else you want to tell us? (optional)"
          name="comment"
          rows={3}
          defaultValue={failed?.values?.comment}
          error={errors?.comment}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        Send rating
      </Button>
    </form>
  );
}
