'use client';

import { ActionForm, type FormActionFn, type Failed } from '@/components/agent/action-form';
import { SelectField, TextField } from '@/components/ui/field';

type Option = { id: string; name: string };

export interface PolicyValues {
  id: string;
  name: string;
  priority: number;
  categoryId: string | null;
  organizationId: string | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtPercent: number | null;
  escalateOnBreach: boolean;
}

const PRIORITIES = [
  { value: 1, label: 'P1 (urgent)' },
  { value: 2, label: 'P2 (high)' },
  { value: 3, label: 'P3 (normal)' },
  { value: 4, label: 'P4 (low)' },
];

/** A target as hours + minutes, each with its own label and error. */
function Target({
  prefix,
  name,
  legend,
  minutes,
  failed,
}: {
  prefix: string;
  name: 'firstResponse' | 'resolution';
  legend: string;
  minutes: number | undefined;
  failed: Failed;
}) {
  const hours = failed?.values?.[`${name}Hours`] ?? (minutes !== undefined ? String(Math.floor(minutes / 60)) : '');
  const mins = failed?.values?.[`${name}Mins`] ?? (minutes !== undefined ? String(minutes % 60) : '0');
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Hours"
          name={`${name}Hours`}
          id={`${prefix}-${name}-hours`}
          inputMode="numeric"
          defaultValue={hours}
          error={failed?.fieldErrors?.[`${name}Hours`]}
        />
        <TextField
          label="Minutes"
          name={`${name}Mins`}
          id={`${prefix}-${name}-mins`}
          inputMode="numeric"
          defaultValue={mins}
          error={failed?.fieldErrors?.[`${name}Mins`]}
        />
      </div>
    </fieldset>
  );
}

/** Create (no policy) or edit an SLA policy. */
export function PolicyForm({
  action,
  policy,
  categories,
  organizations,
  calendars,
}: {
  action: FormActionFn;
  policy?: PolicyValues;
  categories: Option[];
  organizations: Option[];
  calendars: Option[];
}) {
  const prefix = policy ? `policy-${policy.id}` : 'new-policy';
  return (
    <ActionForm
      action={action}
      hidden={policy ? { id: policy.id } : {}}
      submitLabel={policy ? 'Save policy' : 'Create policy'}
      label={policy ? `Edit ${policy.name}` : 'New SLA policy'}
    >
      {(failed) => {
        const value = (name: string, stored: string) => failed?.values?.[name] ?? stored;
        const escalate = failed?.values ? failed.values.escalateOnBreach === 'on' : (policy?.escalateOnBreach ?? false);
        // Keyed by what was sent: a refused form remounts its fields with those values (a form
        // action resets uncontrolled fields to their first defaults otherwise).
        return (
          <div key={JSON.stringify(failed?.values ?? null)} className="space-y-3">
            <TextField
              label="Name"
              name="name"
              id={`${prefix}-name`}
              maxLength={80}
              defaultValue={value('name', policy?.name ?? '')}
              error={failed?.fieldErrors?.name}
              required
            />
            <SelectField
              label="Priority"
              name="priority"
              id={`${prefix}-priority`}
              defaultValue={value('priority', String(policy?.priority ?? 3))}
              error={failed?.fieldErrors?.priority}
            >
              {PRIORITIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Category"
              name="categoryId"
              id={`${prefix}-category`}
              defaultValue={value('categoryId', policy?.categoryId ?? '')}
              error={failed?.fieldErrors?.categoryId}
              hint="Optional: only requests in this category."
            >
              <option value="">Any category</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Organization"
              name="organizationId"
              id={`${prefix}-organization`}
              defaultValue={value('organizationId', policy?.organizationId ?? '')}
              error={failed?.fieldErrors?.organizationId}
              hint="Optional: only requests of this organization's customers (a key account)."
            >
              <option value="">Any organization</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Business calendar"
              name="calendarId"
              id={`${prefix}-calendar`}
              defaultValue={value('calendarId', policy?.calendarId ?? '')}
              error={failed?.fieldErrors?.calendarId}
              hint="Targets count only the calendar's opening hours."
            >
              <option value="">Round the clock</option>
              {calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <Target
              prefix={prefix}
              name="firstResponse"
              legend="First response target"
              minutes={policy?.firstResponseMinutes}
              failed={failed}
            />
            <Target
              prefix={prefix}
              name="resolution"
              legend="Resolution target"
              minutes={policy?.resolutionMinutes}
              failed={failed}
            />
            <TextField
              label="Warn at (% of the target)"
              name="warnAtPercent"
              id={`${prefix}-warn`}
              inputMode="numeric"
              defaultValue={value('warnAtPercent', policy?.warnAtPercent != null ? String(policy.warnAtPercent) : '')}
              error={failed?.fieldErrors?.warnAtPercent}
              hint="1–99; empty: no warning."
            />
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="escalateOnBreach" id={`${prefix}-escalate`} defaultChecked={escalate} />
              Escalate on breach
            </label>
          </div>
        );
      }}
    </ActionForm>
  );
}

/** Deactivate (or reactivate) a policy. */
export function PolicyActiveForm({
  action,
  policy,
}: {
  action: FormActionFn;
  policy: { id: string; name: string; active: boolean };
}) {
  const label = policy.active ? `Deactivate ${policy.name}` : `Activate ${policy.name}`;
  return (
    <ActionForm
      action={action}
      hidden={{ id: policy.id, active: policy.active ? 'false' : 'true' }}
      submitLabel={label}
      variant="secondary"
      label={label}
    />
  );
}

export interface CalendarValues {
  id: string;
  name: string;
  timeZone: string;
  hours: { days: { weekday: number; open: string; close: string }[] };
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Create or edit a business calendar: name, time zone, one opening interval per weekday. */
export function CalendarForm({
  action,
  calendar,
  timeZones,
}: {
  action: FormActionFn;
  calendar?: CalendarValues;
  timeZones: string[];
}) {
  const prefix = calendar ? `calendar-${calendar.id}` : 'new-calendar';
  return (
    <ActionForm
      action={action}
      hidden={calendar ? { id: calendar.id } : {}}
      submitLabel={calendar ? 'Save calendar' : 'Create calendar'}
      label={calendar ? `Edit ${calendar.name}` : 'New calendar'}
    >
      {(failed) => (
        <div key={JSON.stringify(failed?.values ?? null)} className="space-y-3">
          <TextField
            label="Name"
            name="name"
            id={`${prefix}-name`}
            maxLength={80}
            defaultValue={failed?.values?.name ?? calendar?.name}
            error={failed?.fieldErrors?.name}
            required
          />
          <SelectField
            label="Time zone"
            name="timeZone"
            id={`${prefix}-zone`}
            defaultValue={failed?.values?.timeZone ?? calendar?.timeZone ?? 'Europe/Amsterdam'}
            error={failed?.fieldErrors?.timeZone}
          >
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </SelectField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Opening hours (local time; empty: closed)</legend>
            {WEEKDAYS.map((day, i) => {
              const weekday = i + 1;
              const stored = calendar?.hours.days.find((d) => d.weekday === weekday);
              return (
                <div key={day} className="grid grid-cols-2 gap-3">
                  <TextField
                    label={`${day} opens`}
                    name={`open${weekday}`}
                    id={`${prefix}-open${weekday}`}
                    inputMode="numeric"
                    placeholder="HH:MM"
                    defaultValue={failed?.values?.[`open${weekday}`] ?? stored?.open ?? ''}
                    error={failed?.fieldErrors?.[`open${weekday}`]}
                  />
                  <TextField
                    label={`${day} closes`}
                    name={`close${weekday}`}
                    id={`${prefix}-close${weekday}`}
                    inputMode="numeric"
                    placeholder="HH:MM"
                    defaultValue={failed?.values?.[`close${weekday}`] ?? stored?.close ?? ''}
                    error={failed?.fieldErrors?.[`close${weekday}`]}
                  />
                </div>
              );
            })}
          </fieldset>
        </div>
      )}
    </ActionForm>
  );
}

/** Adds a holiday to a calendar. */
export function HolidayForm({ action, calendar }: { action: FormActionFn; calendar: { id: string; name: string } }) {
  const prefix = `holiday-${calendar.id}`;
  return (
    <ActionForm
      action={action}
      hidden={{ calendarId: calendar.id }}
      submitLabel="Add holiday"
      label={`Add a holiday to ${calendar.name}`}
    >
      {(failed) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Date"
            name="day"
            id={`${prefix}-day`}
            type="date"
            defaultValue={failed?.values?.day}
            error={failed?.fieldErrors?.day}
          />
          <TextField
            label="Holiday name"
            name="name"
            id={`${prefix}-name`}
            maxLength={80}
            defaultValue={failed?.values?.name}
            error={failed?.fieldErrors?.name}
          />
        </div>
      )}
    </ActionForm>
  );
}

/** Removes one holiday. */
export function RemoveHolidayForm({
  action,
  holiday,
}: {
  action: FormActionFn;
  holiday: { id: string; label: string };
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ id: holiday.id }}
      submitLabel={`Remove ${holiday.label}`}
      variant="secondary"
      label={`Remove ${holiday.label}`}
    />
  );
}
