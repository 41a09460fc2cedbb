import { describe, expect, it } from 'vitest';
import { SETTING_SCHEMAS } from './settings';
import { toSetting, updateSettingsSchema } from './update-settings';

const parse = (raw: unknown) => updateSettingsSchema.parse(raw);

describe('settings forms → stored settings', () => {
  it('turns megabytes into bytes and checkboxes into booleans', () => {
    expect(toSetting(parse({ group: 'attachments', maxMegabytes: '2.5' }))).toEqual({
      key: 'attachments',
      value: { maxBytes: 2_621_440 },
    });
    expect(toSetting(parse({ group: 'survey', enabled: 'on', askNps: 'on' }))).toEqual({
      key: 'survey',
      value: {
        enabled: true,
        askCsat: false,
        askNps: true,
        askComment: false,
        askFixed: false,
        sendAfter: 'resolved',
        delayHours: 0,
        reminderDays: 0,
        perCustomerDays: 0,
      },
    });
    expect(
      toSetting(
        parse({
          group: 'survey',
          enabled: 'on',
          askFixed: 'on',
          sendAfter: 'closed',
          delayHours: '24',
          reminderDays: '3',
          perCustomerDays: '30',
        }),
      ).value,
    ).toMatchObject({ askFixed: true, sendAfter: 'closed', delayHours: 24, reminderDays: 3, perCustomerDays: 30 });
    expect(toSetting(parse({ group: 'followUpDays', followUpDays: '0' }))).toEqual({ key: 'followUpDays', value: 0 });
  });

  it('gives values the stored schemas accept', () => {
    for (const raw of [
      { group: 'attachments', maxMegabytes: '0.01' },
      { group: 'attachments', maxMegabytes: '100' },
      { group: 'mail', supportAddress: 'Help@Example.com', supportName: ' Help ' },
      { group: 'followUpDays', followUpDays: '90' },
    ]) {
      const { key, value } = toSetting(parse(raw));
      expect(SETTING_SCHEMAS[key].safeParse(value).success, JSON.stringify(raw)).toBe(true);
    }
  });

  it('refuses survey rules out of range, with the field named', () => {
    for (const [field, value] of [
      ['delayHours', '169'],
      ['delayHours', '1.5'],
      ['reminderDays', '-1'],
      ['perCustomerDays', 'many'],
      ['sendAfter', 'reopened'],
    ] as const) {
      const result = updateSettingsSchema.safeParse({ group: 'survey', askCsat: 'on', [field]: value });
      expect(result.success, `${field}=${value}`).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it('refuses a survey that is on but asks nothing', () => {
    const result = updateSettingsSchema.safeParse({ group: 'survey', enabled: 'on' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['enabled']);
    expect(updateSettingsSchema.safeParse({ group: 'survey' }).success).toBe(true);
  });
});
