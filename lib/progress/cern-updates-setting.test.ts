import { describe, expect, it } from 'vitest';
import { acknowledgementMail } from '@/lib/mail/templates/acknowledgement';
import { cernProgressMail } from '@/lib/mail/templates/cern-progress';
import { defaultSettings, SETTING_SCHEMAS } from '@/lib/settings/settings';
import { toSetting, updateSettingsSchema } from '@/lib/settings/update-settings';

describe('the cernUpdates setting', () => {
  it('defaults to a reminder after 2 days and stores what the form gives', () => {
    expect(defaultSettings({}).cernUpdates).toEqual({ reminderDays: 2 });
    const { key, value } = toSetting(updateSettingsSchema.parse({ group: 'cernUpdates', reminderDays: '5' }));
    expect({ key, value }).toEqual({ key: 'cernUpdates', value: { reminderDays: 5 } });
    expect(SETTING_SCHEMAS.cernUpdates.safeParse(value).success).toBe(true);
  });

  it('refuses 0, 31, fractions and words with a message', () => {
    for (const reminderDays of ['0', '31', '1.5', 'two', '']) {
      const result = updateSettingsSchema.safeParse({ group: 'cernUpdates', reminderDays });
      expect(result.success, reminderDays).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['reminderDays']);
    }
  });
});

describe('progress mails', () => {
  const base = {
    number: 1042,
    subject: 'Orders <vanish>',
    cern: null,
    customerName: 'Ada',
    supportName: 'Cairn Support',
  };

  it('the acknowledgement says when to expect a first answer, when known', () => {
    const expect_ = 'You can expect a first answer by Tue, 1 Dec 2026, 14:00 UTC.';
    expect(acknowledgementMail({ ...base, expect: expect_ }).text).toContain(expect_);
    expect(acknowledgementMail(base).text).not.toContain('expect a first answer');
  });

  it('the CERN progress mail names the exception, the new state and what happens next, escaped', () => {
    const mail = cernProgressMail({
      ...base,
      cern: 'CERN-2026-000042',
      status: 'We are waiting on a third party (a supplier or another team).',
      next: 'We will tell you as soon as it moves.',
      expect: null,
    });
    expect(mail.subject).toBe('[#1042] Update on your request: Orders <vanish> (CERN-2026-000042)');
    expect(mail.text).toContain('exception CERN-2026-000042: We are waiting on a third party');
    expect(mail.text).toContain('We will tell you as soon as it moves.');
    expect(mail.text).toContain('/portal/requests/1042');
    expect(mail.html).toContain('Orders &lt;vanish&gt;');
  });

  it('sends a customer without a portal login to their guest link, as every other request mail does', () => {
    const guestUrl = 'https://help.example.com/portal/guest/abc.def';
    const mail = cernProgressMail({
      ...base,
      guestUrl,
      cern: 'CERN-2026-000042',
      status: 'We are working on it.',
      next: 'We will tell you as soon as it moves.',
      expect: null,
    });
    expect(mail.text).toContain(guestUrl);
    expect(mail.text).not.toContain('/portal/requests/1042');
  });
});
