import { describe, expect, it } from 'vitest';
import { acknowledgementMail } from './acknowledgement';
import { cernRaisedMail } from './cern-raised';
import { closureMail } from './closure';
import { mergeNoticeMail } from './merge-notice';
import { replyMail } from './reply';
import { resolutionMail } from './resolution';
import type { TicketMailBase } from './ticket-subject';

const base: TicketMailBase = {
  number: 1042,
  subject: 'Printer on fire',
  cern: null,
  customerName: 'Ada',
  supportName: 'Acme Support',
};
const hostile: TicketMailBase = {
  ...base,
  subject: '<script>alert(1)</script> & "quotes"',
  customerName: '<b>Eve</b>',
};

const every = (t: TicketMailBase) => [
  acknowledgementMail(t),
  replyMail({ ...t, body: 'Try turning it off.\n\nThen on.', agentName: 'Sam Agent', signature: 'Tier 2' }),
  resolutionMail({ ...t, summary: 'Replaced the fuser.', followUpDays: 7 }),
  closureMail({ ...t, reason: 'follow_up_window' }),
  cernRaisedMail({ ...t, cern: 'CERN-2026-000042' }),
  mergeNoticeMail({ ...t, notice: 'We merged #1041 into #1042.' }),
];

describe('mail templates', () => {
  it('carry the request number in the subject, the text part and the HTML part', () => {
    for (const mail of every(base)) {
      expect(mail.subject).toMatch(/^\[#1042\] /);
      expect(mail.text).toContain('#1042');
      expect(mail.html).toContain('#1042');
    }
  });

  it('put the CERN in the subject once the request has one', () => {
    const reply = replyMail({ ...base, cern: 'CERN-2026-000042', body: 'Hi', agentName: 'Sam', signature: null });
    expect(reply.subject).toBe('[#1042] Re: Printer on fire (CERN-2026-000042)');
    expect(acknowledgementMail({ ...base, cern: 'CERN-2026-000042' }).text).toContain('CERN-2026-000042');
  });

  it('escape a hostile subject and name in HTML and keep them as text in the text part', () => {
    for (const mail of every(hostile)) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>Eve</b>');
      expect(mail.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;,');
      // Mails that quote the subject in their body quote it as text.
      if (mail.text.includes('<script>alert(1)</script>')) expect(mail.html).toContain('&lt;script&gt;');
    }
    expect(acknowledgementMail(hostile).html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
    for (const mail of every(hostile)) {
      expect(mail.subject).toContain('<script>alert(1)</script>');
    }
  });

  it('sign an agent reply with their name and signature, and link the portal from a resolution', () => {
    const reply = replyMail({ ...base, body: 'Done.', agentName: 'Sam Agent', signature: 'Sam · Tier 2 support' });
    expect(reply.text).toContain('-- \nSam Agent\nSam · Tier 2 support');
    const resolution = resolutionMail({ ...base, summary: 'Replaced the fuser.', followUpDays: 7 });
    expect(resolution.text).toContain('> Replaced the fuser.');
    expect(resolution.text).toMatch(/Confirm the fix or reopen: http\S+\/portal\/requests\/1042/);
    expect(resolution.html).toContain('/portal/requests/1042');
  });
});
