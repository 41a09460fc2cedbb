import { z } from 'zod';
import type { Db } from '@/db/client';
import { appSettings } from '@/db/schema';
import { changedFields, recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { getSettings, SETTING_SCHEMAS, type SettingKey, type Settings } from './settings';

const MB = 1024 * 1024;
export const MAX_ATTACHMENT_MB = 100;

/** A checkbox as a form posts it ("on" or absent), or a boolean from a script. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** A whole number from a number field, with the field's own message. */
const wholeNumber = (min: number, max: number, unit: string) => {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  // Absent (a script posting only the questions) is 0: no delay, no reminder, no cap.
  return z.preprocess(
    (v) => (v === undefined ? 0 : v),
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message),
  );
};

/** A number field that may be left empty (no target): empty or absent is null. */
const optionalNumber = (min: number, max: number, what: string) => {
  const message = `Enter ${what} from ${min} to ${max}, or leave it empty for no target.`;
  return z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v),
    z.coerce.number({ error: message }).min(min, message).max(max, message).nullable(),
  );
};

/** One form per group of settings, as /admin/settings shows them; field names are the form's. */
export const updateSettingsSchema = z.discriminatedUnion('group', [
  z.object({
    group: z.literal('followUpDays'),
    followUpDays: z.coerce
      .number({ error: 'Enter a number of days from 0 to 90.' })
      .int('Enter a whole number of days.')
      .min(0, 'Enter a number of days from 0 to 90.')
      .max(90, 'Enter a number of days from 0 to 90.'),
  }),
  z
    .object({
      group: z.literal('survey'),
      enabled: checkbox,
      askCsat: checkbox,
      askNps: checkbox,
      askComment: checkbox,
      askFixed: checkbox,
      sendAfter: z.enum(['resolved', 'closed'], { error: 'Choose when the survey goes out.' }).default('resolved'),
      delayHours: wholeNumber(0, 168, 'hours'),
      reminderDays: wholeNumber(0, 30, 'days'),
      perCustomerDays: wholeNumber(0, 365, 'days'),
    })
    .refine((s) => !s.enabled || s.askCsat || s.askNps || s.askComment || s.askFixed, {
      message: 'Ask at least one question, or turn the survey off.',
      path: ['enabled'],
    }),
  z.object({
    group: z.literal('attachments'),
    maxMegabytes: z.coerce
      .number({ error: `Enter a size in MB from 0.01 to ${MAX_ATTACHMENT_MB}.` })
      .min(0.01, `Enter a size in MB from 0.01 to ${MAX_ATTACHMENT_MB}.`)
      .max(MAX_ATTACHMENT_MB, `Enter a size in MB from 0.01 to ${MAX_ATTACHMENT_MB}.`),
  }),
  z.object({
    group: z.literal('mail'),
    supportAddress: safeString({ error: 'Enter the support e-mail address.' })
      .trim()
      .toLowerCase()
      .pipe(z.email('Enter a valid e-mail address.').max(254, 'At most 254 characters.')),
    supportName: safeString({ error: 'Enter the name on our mail.' })
      .trim()
      .min(1, 'Enter the name on our mail.')
      .max(100, 'At most 100 characters.'),
  }),
  z.object({
    group: z.literal('cernUpdates'),
    reminderDays: z.coerce
      .number({ error: 'Enter a number of days from 1 to 30.' })
      .int('Enter a whole number of days.')
      .min(1, 'Enter a number of days from 1 to 30.')
      .max(30, 'Enter a number of days from 1 to 30.'),
  }),
  z.object({
    group: z.literal('serviceTargets'),
    csatPercent: optionalNumber(0, 100, 'a percentage'),
    fcrPercent: optionalNumber(0, 100, 'a percentage'),
    frtHours: optionalNumber(0, 8760, 'a number of hours'),
    slaPercent: optionalNumber(0, 100, 'a percentage'),
  }),
  z.object({
    group: z.literal('retention'),
    webhookDays: z.coerce
      .number({ error: 'Enter a number of days from 1 to 365.' })
      .int('Enter a whole number of days.')
      .min(1, 'Enter a number of days from 1 to 365.')
      .max(365, 'Enter a number of days from 1 to 365.'),
  }),
]);

type Input = z.output<typeof updateSettingsSchema>;

/** The setting a form's values become, in the stored shape of SETTING_SCHEMAS (pure: unit-tested). */
export function toSetting(input: Input): { key: SettingKey; value: Settings[SettingKey] } {
  switch (input.group) {
    case 'followUpDays':
      return { key: 'followUpDays', value: input.followUpDays };
    case 'survey': {
      const { group: _, ...survey } = input;
      return { key: 'survey', value: survey };
    }
    case 'attachments':
      return { key: 'attachments', value: { maxBytes: Math.round(input.maxMegabytes * MB) } };
    case 'mail':
      return { key: 'mail', value: { supportAddress: input.supportAddress, supportName: input.supportName } };
    case 'cernUpdates':
      return { key: 'cernUpdates', value: { reminderDays: input.reminderDays } };
    case 'serviceTargets': {
      const { group: _, ...targets } = input;
      return { key: 'serviceTargets', value: targets };
    }
    case 'retention':
      return { key: 'retention', value: { webhookDays: input.webhookDays } };
  }
}

/** Flattens a setting for the audit log's before → after (a number becomes { value }). */
const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : { value };

/**
 * Saves one group of settings (admins): validated by the form schema and again by the stored
 * shape (SETTING_SCHEMAS, which getSettings trusts), upserted into app_settings, and recorded in
 * the audit log with only the values that changed. Saving the same values changes nothing.
 */
export function updateSettings(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ key: SettingKey; changed: boolean }>> {
  return runUseCase(db, updateSettingsSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const { key, value } = toSetting(input);
    const parsed = SETTING_SCHEMAS[key].safeParse(value);
    if (!parsed.success) fail('invalid', 'Please correct the highlighted fields.', { _form: [parsed.error.message] });
    const before = (await getSettings(tx))[key];
    const changes = changedFields(asRecord(before), asRecord(parsed.data));
    if (!changes) return { key, changed: false };
    await tx
      .insert(appSettings)
      .values({ key, value: parsed.data, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: appSettings.key,
        set: { value: parsed.data, updatedBy: actor.userId, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'setting.changed',
      entityType: 'setting',
      entityId: key,
      entityLabel: SETTING_LABELS[key],
      ...changes,
    });
    return { key, changed: true };
  });
}

/** How each group reads in the audit log and on the settings page. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  followUpDays: 'Follow-up window',
  survey: 'Satisfaction survey',
  attachments: 'Attachments',
  mail: 'Support mail address',
  cernUpdates: 'Exception progress updates',
  serviceTargets: 'Service targets',
  qa: 'Quality review sample',
  retention: 'Webhook log retention',
};
