import { describe, expect, it } from 'vitest';
import { resolutionMail } from './resolution';
import { surveyMail } from './survey';
import type { TicketMailBase } from './ticket-subject';

const base: TicketMailBase = {
  number: 1042,
  subject: 'Printer on fire',
  cern: null,
  customerName: '<b>Eve</b>',
  supportName: 'Acme Support',
};
const linkPath = '/survey/eyJwIjoic3VydmV5In0.c2lnbmF0dXJl';

describe('survey mails', () => {
  it('the survey and its reminder carry the link, say how long it works, and escape names', () => {
    const first = surveyMail({ ...base, linkPath, reminder: false, linkDays: 30, askFixed: true });
    expect(first.subject).toBe('[#1042] How did we do? Printer on fire');
    expect(first.text).toMatch(/Answer the survey: http\S+\/survey\/eyJwIjoic3VydmV5In0\.c2lnbmF0dXJl/);
    expect(first.text).toContain('works once and for 30 days');
    expect(first.text).toContain('we will reopen your request');
    expect(first.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    const reminder = surveyMail({ ...base, linkPath, reminder: true, linkDays: 30, askFixed: false });
    expect(reminder.subject).toContain('Reminder');
    expect(reminder.text).not.toContain('reopen your request');
  });

  it('the resolution mail speaks of a survey only when one comes', () => {
    const link = resolutionMail({ ...base, summary: 'Done.', followUpDays: 7, survey: { kind: 'link', linkPath } });
    expect(link.text).toMatch(/Is it fixed\? Tell us how we did: http\S+\/survey\//);
    expect(link.text).toMatch(/request page \(http\S+\/portal\/requests\/1042\)/);
    const later = resolutionMail({ ...base, summary: 'Done.', followUpDays: 7, survey: { kind: 'later', hours: 24 } });
    expect(later.text).toContain('We will also send you a short survey in 24 hours.');
    expect(later.text).not.toContain('/survey/');
    const none = resolutionMail({ ...base, summary: 'Done.', followUpDays: 7, survey: { kind: 'none' } });
    expect(none.text).not.toMatch(/survey/i);
  });
});
