'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { TextField } from '@/components/ui/field';
import { SurveySettingsForm, type SurveySettingsValues } from './survey-settings-form';

export interface SettingsValues {
  followUpDays: number;
  survey: SurveySettingsValues;
  maxMegabytes: number;
  mail: { supportAddress: string; supportName: string };
  cernUpdates: { reminderDays: number };
  retention: { webhookDays: number };
  serviceTargets: {
    csatPercent: number | null;
    fcrPercent: number | null;
    frtHours: number | null;
    slaPercent: number | null;
  };
}

const TARGET_FIELDS = [
  { name: 'csatPercent', label: 'CSAT: satisfied share at least (%)', max: 100, step: 0.1 },
  { name: 'fcrPercent', label: 'First-contact resolution at least (%)', max: 100, step: 0.1 },
  { name: 'frtHours', label: 'Median first response at most (hours)', max: 8760, step: 0.25 },
  { name: 'slaPercent', label: 'SLA compliance at least (%)', max: 100, step: 0.1 },
] as const;

/** One form per group of settings, each saved (and audited) on its own. */
export function SettingsForms({ action, values }: { action: FormActionFn; values: SettingsValues }) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="s-follow-up" className="space-y-2">
        <h2 id="s-follow-up" className="text-base font-semibold text-slate-900">
          Follow-up window
        </h2>
        <ActionForm action={action} hidden={{ group: 'followUpDays' }} submitLabel="Save follow-up window">
          {(failed) => (
            <TextField
              label="Days a resolved request waits for the customer"
              name="followUpDays"
              type="number"
              min={0}
              max={90}
              step={1}
              defaultValue={failed?.values?.followUpDays ?? values.followUpDays}
              error={failed?.fieldErrors?.followUpDays}
              hint="After this many days without an answer, the request closes by itself (0 to 90)."
            />
          )}
        </ActionForm>
      </section>

      <SurveySettingsForm action={action} values={values.survey} />

      <section aria-labelledby="s-attachments" className="space-y-2">
        <h2 id="s-attachments" className="text-base font-semibold text-slate-900">
          Attachments
        </h2>
        <ActionForm action={action} hidden={{ group: 'attachments' }} submitLabel="Save attachment limit">
          {(failed) => (
            <TextField
              label="Largest file, in MB"
              name="maxMegabytes"
              type="number"
              min={0.01}
              max={100}
              step="any"
              defaultValue={failed?.values?.maxMegabytes ?? values.maxMegabytes}
              error={failed?.fieldErrors?.maxMegabytes}
              hint="Applies to files added in the portal, the workspace and the API."
            />
          )}
        </ActionForm>
      </section>

      <section aria-labelledby="s-mail" className="space-y-2">
        <h2 id="s-mail" className="text-base font-semibold text-slate-900">
          Support mail
        </h2>
        <ActionForm action={action} hidden={{ group: 'mail' }} submitLabel="Save support mail">
          {(failed) => (
            <>
              <TextField
                label="Support address"
                name="supportAddress"
                type="email"
                maxLength={254}
                defaultValue={failed?.values?.supportAddress ?? values.mail.supportAddress}
                error={failed?.fieldErrors?.supportAddress}
                hint="Customers write to it; our mail comes from it."
              />
              <TextField
                label="Name on our mail"
                name="supportName"
                maxLength={100}
                defaultValue={failed?.values?.supportName ?? values.mail.supportName}
                error={failed?.fieldErrors?.supportName}
              />
            </>
          )}
        </ActionForm>
      </section>

      <section aria-labelledby="s-cern-updates" className="space-y-2">
        <h2 id="s-cern-updates" className="text-base font-semibold text-slate-900">
          Exception progress updates
        </h2>
        <ActionForm action={action} hidden={{ group: 'cernUpdates' }} submitLabel="Save update reminders">
          {(failed) => (
            <TextField
              label="Remind the owner after this many days without an update to the customer"
              name="reminderDays"
              type="number"
              min={1}
              max={30}
              step={1}
              defaultValue={failed?.values?.reminderDays ?? values.cernUpdates.reminderDays}
              error={failed?.fieldErrors?.reminderDays}
              hint="Open exceptions (requests with a CERN) only; the assignee, else the team lead, is notified once per period (1 to 30)."
            />
          )}
        </ActionForm>
      </section>

      <section aria-labelledby="s-service-targets" className="space-y-2">
        <h2 id="s-service-targets" className="text-base font-semibold text-slate-900">
          Service targets
        </h2>
        <p className="text-sm text-slate-600">
          The service standards: the dashboard shows each figure against its target. Leave a field empty for no target.
        </p>
        <ActionForm action={action} hidden={{ group: 'serviceTargets' }} submitLabel="Save targets">
          {(failed) => (
            <div className="grid gap-3 sm:grid-cols-2">
              {TARGET_FIELDS.map((field) => (
                <TextField
                  key={field.name}
                  label={field.label}
                  name={field.name}
                  type="number"
                  min={0}
                  max={field.max}
                  step={field.step}
                  defaultValue={failed?.values?.[field.name] ?? values.serviceTargets[field.name] ?? ''}
                  error={failed?.fieldErrors?.[field.name]}
                />
              ))}
            </div>
          )}
        </ActionForm>
      </section>

      <section aria-labelledby="s-retention" className="space-y-2">
        <h2 id="s-retention" className="text-base font-semibold text-slate-900">
          Webhook log retention
        </h2>
        <ActionForm action={action} hidden={{ group: 'retention' }} submitLabel="Save retention">
          {(failed) => (
            <TextField
              label="Keep the webhook delivery log for this many days"
              name="webhookDays"
              type="number"
              min={1}
              max={365}
              step={1}
              defaultValue={failed?.values?.webhookDays ?? values.retention.webhookDays}
              error={failed?.fieldErrors?.webhookDays}
              hint="Finished deliveries, their attempts and events older than this are deleted every hour; a delivery still being retried is kept (1 to 365)."
            />
          )}
        </ActionForm>
      </section>
    </div>
  );
}
