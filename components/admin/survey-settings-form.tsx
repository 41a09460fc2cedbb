'use client';

import { ActionForm, type FormActionFn, type Failed } from '@/components/agent/action-form';
import { SelectField, TextField } from '@/components/ui/field';

export interface SurveySettingsValues {
  enabled: boolean;
  askCsat: boolean;
  askNps: boolean;
  askComment: boolean;
  askFixed: boolean;
  sendAfter: 'resolved' | 'closed';
  delayHours: number;
  reminderDays: number;
  perCustomerDays: number;
}

/** A checkbox that shows the submitted state after a refusal, else the stored one. */
function Check({ name, label, stored, failed }: { name: string; label: string; stored: boolean; failed: Failed }) {
  const checked = failed?.values ? failed.values[name] === 'on' : stored;
  const message = failed?.fieldErrors?.[name]?.[0];
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          name={name}
          defaultChecked={checked}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${name}-error` : undefined}
        />
        {label}
      </label>
      {message ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-red-600">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** The satisfaction survey: whether, which questions, and the rules of when it is sent. */
export function SurveySettingsForm({ action, values }: { action: FormActionFn; values: SurveySettingsValues }) {
  return (
    <section aria-labelledby="s-survey" className="space-y-2">
      <h2 id="s-survey" className="text-base font-semibold text-slate-900">
        Satisfaction survey
      </h2>
      <ActionForm action={action} hidden={{ group: 'survey' }} submitLabel="Save survey">
        {(failed) => {
          const number = (name: 'delayHours' | 'reminderDays' | 'perCustomerDays') =>
            failed?.values?.[name] ?? String(values[name]);
          return (
            <div className="space-y-4">
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-700">Questions</legend>
                <Check name="enabled" label="Send a satisfaction survey" stored={values.enabled} failed={failed} />
                <Check
                  name="askFixed"
                  label="Ask “Was your issue fixed?” (no reopens the request)"
                  stored={values.askFixed}
                  failed={failed}
                />
                <Check
                  name="askCsat"
                  label="Ask for a satisfaction score (1–5)"
                  stored={values.askCsat}
                  failed={failed}
                />
                <Check
                  name="askNps"
                  label="Ask how likely they are to recommend us (0–10)"
                  stored={values.askNps}
                  failed={failed}
                />
                <Check name="askComment" label="Ask for a comment" stored={values.askComment} failed={failed} />
              </fieldset>
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <SelectField
                  label="Send the survey"
                  name="sendAfter"
                  defaultValue={failed?.values?.sendAfter ?? values.sendAfter}
                  error={failed?.fieldErrors?.sendAfter}
                >
                  <option value="resolved">When the request is resolved</option>
                  <option value="closed">When the request is closed</option>
                </SelectField>
                <TextField
                  label="Delay, in hours"
                  name="delayHours"
                  type="number"
                  min={0}
                  max={168}
                  step={1}
                  defaultValue={number('delayHours')}
                  error={failed?.fieldErrors?.delayHours}
                  hint="0 to 168. With 0 after resolution, the link is in the resolution e-mail."
                />
                <TextField
                  label="Reminder after, in days"
                  name="reminderDays"
                  type="number"
                  min={0}
                  max={30}
                  step={1}
                  defaultValue={number('reminderDays')}
                  error={failed?.fieldErrors?.reminderDays}
                  hint="One reminder if unanswered; 0 for none."
                />
                <TextField
                  label="At most one survey per customer every N days"
                  name="perCustomerDays"
                  type="number"
                  min={0}
                  max={365}
                  step={1}
                  defaultValue={number('perCustomerDays')}
                  error={failed?.fieldErrors?.perCustomerDays}
                  hint="0 for no limit. Requests within the window get no survey (noted on the request)."
                />
              </div>
            </div>
          );
        }}
      </ActionForm>
    </section>
  );
}
