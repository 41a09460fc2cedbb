import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/** The request became an exception: its CERN, which tracks it until the customer confirms the fix. */
export function cernRaisedMail(t: TicketMailBase & { cern: string }): RenderedMail {
  return composeMail({
    subject: ticketSubject(t, 'Exception raised: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      `Your request #${t.number} needs special attention, so we are tracking it as exception ${t.cern}.`,
      `A dedicated owner follows it until you confirm it is fixed. Quote ${t.cern} or #${t.number} whenever you contact us about it.`,
    ],
    action: { label: 'Follow your request', url: requestUrl(t) },
    signature: t.supportName,
    footer: ticketFooter(t),
  });
}
