import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings } from '@/db/schema';
import { DEFAULT_MAX_BYTES, maxAttachmentBytes } from '@/lib/attachments/limits';

/**
 * What an admin sets in /admin/settings instead of the code hard-coding it. One schema per key:
 * a stored value that no longer parses (an older shape, a hand edit) falls back to the default
 * rather than breaking every page that reads it.
 */
export const SETTING_SCHEMAS = {
  /** Days a resolved request waits for the customer before the auto-close job closes it. */
  followUpDays: z.number().int().min(0).max(90),
  survey: z.object({
    /** Send a satisfaction survey when a request is resolved. */
    enabled: z.boolean(),
    askCsat: z.boolean(),
    askNps: z.boolean(),
    askComment: z.boolean(),
    /** Survey rules (issue 13); a value stored before they existed takes the defaults below. */
    askFixed: z.boolean().default(true),
    /** Send when the request is resolved, or only once it is closed. */
    sendAfter: z.enum(['resolved', 'closed']).default('resolved'),
    /** Hours to wait after that moment (0 to 168). */
    delayHours: z.number().int().min(0).max(168).default(0),
    /** One reminder this many days after sending, if unanswered (0: none). */
    reminderDays: z.number().int().min(0).max(30).default(0),
    /** At most one survey per customer in this many days (0: no cap). */
    perCustomerDays: z.number().int().min(0).max(365).default(0),
  }),
  attachments: z.object({
    /** Largest single file, in bytes. */
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024),
  }),
  mail: z.object({
    /** The address customers write to and our mail comes from. */
    supportAddress: z.email(),
    /** The name on our mail ("Acme Support"). */
    supportName: z.string().trim().min(1).max(100),
  }),
  cernUpdates: z.object({
    /** Days an open exception's customer may go without an update before its owner is reminded. */
    reminderDays: z.number().int().min(1).max(30),
  }),
  /** The service standards (issue 14): the dashboard shows each figure against its target; null: none set. */
  serviceTargets: z.object({
    /** Share of answered surveys scored 4–5, in percent. */
    csatPercent: z.number().min(0).max(100).nullable(),
    /** First-contact resolution share, in percent. */
    fcrPercent: z.number().min(0).max(100).nullable(),
    /** Median first response time, in hours (at most). */
    frtHours: z.number().min(0).max(8760).nullable(),
    /** SLA compliance share, in percent. */
    slaPercent: z.number().min(0).max(100).nullable(),
  }),
  /** Quality review (lib/qa): resolved requests sampled per agent per ISO week. */
  qa: z.object({ sampleSize: z.number().int().min(0).max(50) }),
  /** How long what only grows is kept (the `retention.sweep` job, lib/retention). */
  retention: z.object({
    /** Days the webhook delivery log (finished deliveries, their attempts and events) is kept. */
    webhookDays: z.number().int().min(1).max(365),
  }),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

/** Defaults for a fresh install; environment variables seed the ones a deployment already had. */
export function defaultSettings(env: Record<string, string | undefined> = process.env): Settings {
  const followUp = Number(env.FOLLOW_UP_DAYS);
  return {
    followUpDays: Number.isInteger(followUp) && followUp >= 0 && followUp <= 90 ? followUp : 7,
    survey: {
      enabled: true,
      askCsat: true,
      askNps: true,
      askComment: true,
      askFixed: true,
      sendAfter: 'resolved',
      delayHours: 0,
      reminderDays: 3,
      perCustomerDays: 0,
    },
    attachments: { maxBytes: maxAttachmentBytes(env) || DEFAULT_MAX_BYTES },
    mail: {
      supportAddress: (env.SUPPORT_EMAIL ?? '').trim().toLowerCase() || 'support@cairn.example',
      supportName: (env.SUPPORT_NAME ?? '').trim() || 'Cairn Support',
    },
    cernUpdates: { reminderDays: 2 },
    serviceTargets: { csatPercent: 85, fcrPercent: 70, frtHours: 4, slaPercent: 90 },
    qa: { sampleSize: 3 },
    retention: { webhookDays: 30 },
  };
}

/** Every setting, stored values over defaults: one small query. */
export async function getSettings(db: Db): Promise<Settings> {
  return settingsOf(await db.select({ key: appSettings.key, value: appSettings.value }).from(appSettings));
}

/**
 * The stored settings as one JSON array of `{ key, value }`, for a caller that reads them in a
 * statement of its own (`settingsOf` turns the array into Settings, as `getSettings` does).
 */
export const storedSettingsJson = sql<
  { key: string; value: unknown }[]
>`(select coalesce(json_agg(json_build_object('key', s.key, 'value', s.value)), '[]'::json) from app_settings s)`;

/** Stored values over defaults; a value that no longer parses keeps its default. */
export function settingsOf(rows: readonly { key: string; value: unknown }[]): Settings {
  const settings = defaultSettings();
  for (const row of rows) {
    if (!(row.key in SETTING_SCHEMAS)) continue;
    const key = row.key as SettingKey;
    const parsed = SETTING_SCHEMAS[key].safeParse(row.value);
    if (parsed.success) (settings as Record<SettingKey, unknown>)[key] = parsed.data;
  }
  return settings;
}
