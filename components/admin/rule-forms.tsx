'use client';

import { useActionState, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import type { ActionState } from '@/lib/core/action-state';
import type { RuleChoices, RuleTrial } from '@/lib/routing/manage-rules';

type ObjectAction<T = undefined> = (input: unknown) => Promise<ActionState<T>>;
type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const CHANNELS = [
  ['web', 'Web'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
  ['chat', 'Chat'],
  ['social', 'Social'],
  ['api', 'API'],
] as const;
const PRIORITIES = [
  ['1', 'P1 Urgent'],
  ['2', 'P2 High'],
  ['3', 'P3 Normal'],
  ['4', 'P4 Low'],
] as const;

/** A rule as the form edits it (ids and lists as the server sends them). */
export interface EditableRule {
  id: string;
  version: number;
  name: string;
  runOn: 'created' | 'updated' | 'both';
  active: boolean;
  stopProcessing: boolean;
  conditions: {
    channels?: string[];
    categoryIds?: string[];
    words?: string[];
    organizationIds?: string[];
    emailDomains?: string[];
    priorities?: number[];
  };
  actions: {
    teamId?: string;
    categoryId?: string;
    priority?: number;
    tags?: string[];
    assigneeId?: string;
    exceptionCandidate?: boolean;
  };
}

interface Values {
  name: string;
  runOn: string;
  active: boolean;
  stopProcessing: boolean;
  channels: string[];
  categoryIds: string[];
  words: string;
  organizationIds: string[];
  emailDomains: string;
  priorities: string[];
  setTeamId: string;
  setCategoryId: string;
  setPriority: string;
  addTags: string;
  assigneeId: string;
  exceptionCandidate: boolean;
}

function initial(rule?: EditableRule): Values {
  const c = rule?.conditions ?? {};
  const a = rule?.actions ?? {};
  return {
    name: rule?.name ?? '',
    runOn: rule?.runOn ?? 'created',
    active: rule?.active ?? true,
    stopProcessing: rule?.stopProcessing ?? false,
    channels: c.channels ?? [],
    categoryIds: c.categoryIds ?? [],
    words: (c.words ?? []).join(', '),
    organizationIds: c.organizationIds ?? [],
    emailDomains: (c.emailDomains ?? []).join(', '),
    priorities: (c.priorities ?? []).map(String),
    setTeamId: a.teamId ?? '',
    setCategoryId: a.categoryId ?? '',
    setPriority: a.priority ? String(a.priority) : '',
    addTags: (a.tags ?? []).join(', '),
    assigneeId: a.assigneeId ?? '',
    exceptionCandidate: a.exceptionCandidate ?? false,
  };
}

/** The first message for a field, including its entries' messages ("words.3"). */
function errorFor(errors: Record<string, string[]> | undefined, field: string): string | undefined {
  if (!errors) return undefined;
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors[key]?.[0] : undefined;
}

function Check({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-1 h-4 w-4"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function CheckGroup({
  id,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: readonly (readonly [string, string])[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([v, label]) => (
          <Check
            key={v}
            id={`${id}-${v}`}
            label={label}
            checked={value.includes(v)}
            onChange={(on) => onChange(on ? [...value, v] : value.filter((x) => x !== v))}
          />
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function MultiSelect({
  id,
  label,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  options: { id: string; name: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  return (
    <SelectField
      label={label}
      name={id}
      id={id}
      multiple
      size={Math.min(5, Math.max(2, options.length))}
      value={value}
      onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
      error={error}
      hint="Any of those chosen (Ctrl or ⌘ to choose several); none chosen: no condition."
    >
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

/** Create (no rule) or edit one: conditions (all must hold) and actions, each with its label and error. */
export function RuleForm({
  action,
  choices,
  rule,
}: {
  action: ObjectAction;
  choices: RuleChoices;
  rule?: EditableRule;
}) {
  const [values, setValues] = useState<Values>(() => initial(rule));
  const [state, setState] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();
  const set =
    <K extends keyof Values>(key: K) =>
    (v: Values[K]) =>
      setValues((old) => ({ ...old, [key]: v }));
  const prefix = rule ? `rule-${rule.id}` : 'new-rule';
  const failed = state && !state.ok ? state : null;
  const err = (field: string) => errorFor(failed?.fieldErrors, field);
  const activeCategories = choices.categories.filter((c) => !c.retired || c.id === values.setCategoryId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const next = await action({ ...values, ...(rule ? { id: rule.id, version: rule.version } : {}) });
      setState(next);
      if (next?.ok && !rule) setValues(initial());
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}>
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextField
        label="Name"
        name="name"
        id={`${prefix}-name`}
        maxLength={80}
        value={values.name}
        onChange={(e) => set('name')(e.target.value)}
        error={err('name')}
        required
      />
      <SelectField
        label="When"
        name="runOn"
        id={`${prefix}-runOn`}
        value={values.runOn}
        onChange={(e) => set('runOn')(e.target.value)}
        error={err('runOn')}
        hint="On update: when the customer writes, and when staff change the request's fields."
      >
        <option value="created">On creation</option>
        <option value="updated">On update</option>
        <option value="both">On creation and update</option>
      </SelectField>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Check id={`${prefix}-active`} label="Active" checked={values.active} onChange={set('active')} />
        <Check
          id={`${prefix}-stop`}
          label="Stop processing further rules"
          checked={values.stopProcessing}
          onChange={set('stopProcessing')}
          hint="When this rule matches, the rules after it are not evaluated."
        />
      </div>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Conditions (all that are set must hold)</legend>
        <CheckGroup
          id={`${prefix}-channels`}
          legend="Channel is any of"
          options={CHANNELS}
          value={values.channels}
          onChange={set('channels')}
          error={err('channels')}
        />
        <MultiSelect
          id={`${prefix}-categoryIds`}
          label="Category is any of"
          options={choices.categories.map((c) => ({ id: c.id, name: c.retired ? `${c.name} (retired)` : c.name }))}
          value={values.categoryIds}
          onChange={set('categoryIds')}
          error={err('categoryIds')}
        />
        <TextArea
          label="Subject or text has any of these words"
          name="words"
          id={`${prefix}-words`}
          rows={2}
          value={values.words}
          onChange={(e) => set('words')(e.target.value)}
          error={err('words')}
          hint="Comma or line separated; whole words or phrases, any case (“refund” does not match “refunded”)."
        />
        <MultiSelect
          id={`${prefix}-organizationIds`}
          label="Customer organization is any of"
          options={choices.organizations}
          value={values.organizationIds}
          onChange={set('organizationIds')}
          error={err('organizationIds')}
        />
        <TextField
          label="Customer e-mail domain is any of"
          name="emailDomains"
          id={`${prefix}-emailDomains`}
          value={values.emailDomains}
          onChange={(e) => set('emailDomains')(e.target.value)}
          error={err('emailDomains')}
          hint="Comma separated, like example.com (subdomains match too)."
        />
        <CheckGroup
          id={`${prefix}-priorities`}
          legend="Priority is any of"
          options={PRIORITIES}
          value={values.priorities}
          onChange={set('priorities')}
          error={err('priorities')}
        />
      </fieldset>

      <fieldset
        className="space-y-3 rounded-md border border-slate-200 p-3"
        aria-describedby={err('actions') ? `${prefix}-actions-error` : undefined}
      >
        <legend className="px-1 text-sm font-semibold text-slate-800">Actions</legend>
        {err('actions') ? (
          <p id={`${prefix}-actions-error`} role="alert" className="text-sm text-red-600">
            {err('actions')}
          </p>
        ) : null}
        <SelectField
          label="Set team"
          name="setTeamId"
          id={`${prefix}-setTeamId`}
          value={values.setTeamId}
          onChange={(e) => set('setTeamId')(e.target.value)}
          error={err('setTeamId')}
        >
          <option value="">Leave as it is</option>
          {choices.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Set category"
          name="setCategoryId"
          id={`${prefix}-setCategoryId`}
          value={values.setCategoryId}
          onChange={(e) => set('setCategoryId')(e.target.value)}
          error={err('setCategoryId')}
        >
          <option value="">Leave as it is</option>
          {activeCategories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.retired ? `${c.name} (retired)` : c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Set priority"
          name="setPriority"
          id={`${prefix}-setPriority`}
          value={values.setPriority}
          onChange={(e) => set('setPriority')(e.target.value)}
          error={err('setPriority')}
          hint="The SLA due times follow the new priority."
        >
          <option value="">Leave as it is</option>
          {PRIORITIES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Add tags"
          name="addTags"
          id={`${prefix}-addTags`}
          value={values.addTags}
          onChange={(e) => set('addTags')(e.target.value)}
          error={err('addTags')}
          hint="Comma separated: letters, digits, - or _."
        />
        <SelectField
          label="Assign to"
          name="assigneeId"
          id={`${prefix}-assigneeId`}
          value={values.assigneeId}
          onChange={(e) => set('assigneeId')(e.target.value)}
          error={err('assigneeId')}
          hint="Skipped when the agent is not a member of the request's team."
        >
          <option value="">Leave as it is</option>
          {choices.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <Check
          id={`${prefix}-exceptionCandidate`}
          label="Mark as exception candidate"
          checked={values.exceptionCandidate}
          onChange={set('exceptionCandidate')}
          hint="Tags the request exception-candidate, so the identifying agent considers raising an exception."
        />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
      </Button>
    </form>
  );
}

/** One button posting hidden fields (move up/down, activate/deactivate), its result said beside it. */
export function RuleButton({
  action,
  fields,
  label,
  accessibleLabel,
  variant = 'secondary',
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  accessibleLabel: string;
  variant?: 'secondary' | 'danger' | 'primary';
}) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} aria-label={accessibleLabel}>
        {label}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

/** Deleting asks for a ticked confirmation first. */
export function DeleteRuleForm({ action, rule }: { action: FormAction; rule: { id: string; name: string } }) {
  const [state, submit, pending] = useActionState(action, null);
  const id = `delete-${rule.id}`;
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-2" aria-label={`Delete rule ${rule.name}`}>
      <input type="hidden" name="id" value={rule.id} />
      <FormMessage error={failed?.fieldErrors?.confirm ? null : failed?.error} />
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" name="confirm" value="yes" className="mt-1 h-4 w-4" />
        <label htmlFor={id} className="text-sm text-slate-800">
          Yes, delete the rule {rule.name}
        </label>
      </div>
      {failed?.fieldErrors?.confirm ? (
        <p role="alert" className="text-sm text-red-600">
          Tick the box to confirm.
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={pending}>
        Delete rule
      </Button>
    </form>
  );
}

/** "Which rule would match #1042, and what would it do?" — a dry run; nothing is saved. */
export function TryRulesForm({ action }: { action: ObjectAction<RuleTrial> }) {
  const [number, setNumber] = useState('');
  const [trigger, setTrigger] = useState('created');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [state, setState] = useState<ActionState<RuleTrial>>(null);
  const [pending, startTransition] = useTransition();
  const failed = state && !state.ok ? state : null;
  const trial = state?.ok ? state.data : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => setState(await action({ number, trigger, includeInactive })));
  };
  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="Try the rules against a request">
        <FormMessage error={failed && !failed.fieldErrors?.number ? failed.error : null} />
        <TextField
          label="Request number"
          name="number"
          id="try-number"
          placeholder="#1042"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={errorFor(failed?.fieldErrors, 'number')}
          inputMode="numeric"
        />
        <SelectField
          label="Evaluate as"
          name="trigger"
          id="try-trigger"
          value={trigger}
          onChange={(e) => setTrigger(e.target.value)}
        >
          <option value="created">On creation</option>
          <option value="updated">On update</option>
        </SelectField>
        <Check
          id="try-inactive"
          label="Include inactive rules"
          checked={includeInactive}
          onChange={setIncludeInactive}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Trying…' : 'Try rules'}
        </Button>
      </form>
      {trial ? <TrialResult trial={trial} /> : null}
    </div>
  );
}

function TrialResult({ trial }: { trial: RuleTrial }) {
  const matched = trial.rules.filter((r) => r.matched);
  let summary: ReactNode;
  if (trial.closed) summary = 'This request is closed: closed requests are read-only and no rule runs on them.';
  else if (trial.rules.length === 0) summary = 'No rule runs at this moment.';
  else if (matched.length === 0) summary = 'No rule would match.';
  else summary = `${matched.length} rule${matched.length > 1 ? 's' : ''} would match. Nothing was saved.`;
  return (
    <section aria-label={`Result for #${trial.number}`} className="space-y-2" aria-live="polite">
      <h3 className="text-sm font-semibold break-words text-slate-900">
        #{trial.number} {trial.subject}
      </h3>
      <p className="text-sm text-slate-700">{summary}</p>
      <ol className="space-y-2">
        {trial.rules.map((r) => (
          <li key={r.id} className="rounded-md border border-slate-200 p-2 text-sm">
            <p className="font-medium break-words text-slate-900">
              {r.name}: {r.matched ? 'matches' : 'does not match'}
              {r.active ? '' : ' (inactive)'}
              {r.stops ? ' — stops further rules' : ''}
            </p>
            {r.matched ? (
              r.changes.length ? (
                <ul className="ml-4 list-disc text-slate-700">
                  {r.changes.map((c, i) => (
                    <li key={i}>
                      {changeText(c)}
                      {c.skipped ? ` — skipped: ${c.skipped}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-600">Would change nothing: the request is already so.</p>
              )
            ) : null}
          </li>
        ))}
      </ol>
      {trial.notReached.length ? (
        <p className="text-sm text-slate-600">Not evaluated (after a rule that stops): {trial.notReached.join(', ')}</p>
      ) : null}
    </section>
  );
}

function changeText(c: RuleTrial['rules'][number]['changes'][number]): string {
  const from = c.fromLabel ?? 'none';
  switch (c.kind) {
    case 'team':
      return `Set team ${c.toLabel} (was ${from})`;
    case 'category':
      return `Set category ${c.toLabel} (was ${from})`;
    case 'priority':
      return `Set priority ${c.toLabel} (was ${from})`;
    case 'assign':
      return `Assign to ${c.toLabel} (was ${from === 'none' ? 'unassigned' : from})`;
    case 'tag':
      return `Add tag ${c.toLabel}`;
    case 'exception_candidate':
      return 'Mark as exception candidate';
  }
}
