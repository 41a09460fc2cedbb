import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/**
 * An exception's status changed (lib/progress/progress-mail.ts, once the changes have settled):
 * where it stands now in the customer's words, what happens next, and when to expect the fix.
 */
export function cernProgressMail(
  t: TicketMailBase & { cern: string; status: string; next: string; expect?: string | null },
): RenderedMail {
  return composeMail({
    subject: ticketSubject(t, 'Update on your request: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      `An update on your request #${t.number} ("${t.subject}"), exception ${t.cern}: ${t.status}`,
      t.next,
      ...(t.expect ? [t.expect] : []),
    ],
    action: { label: 'Follow your request', url: requestUrl(t) },
    signature: t.supportName,
    footer: ticketFooter(t),
  });
}
