import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/** Duplicates were merged into this request; `notice` is the text also shown on its timeline. */
export function mergeNoticeMail(t: TicketMailBase & { notice: string }): RenderedMail {
  return composeMail({
    subject: ticketSubject(t, 'Merged: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [t.notice],
    action: { label: 'Follow your request', url: requestUrl(t) },
    signature: t.supportName,
    footer: ticketFooter(t),
  });
}
