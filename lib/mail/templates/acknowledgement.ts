import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/**
 * Sent at once when a request arrives (by any channel with an address): its number, its CERN when
 * it has one, and when to expect a first answer (`expect`: lib/progress `expectationSentence`).
 */
export function acknowledgementMail(t: TicketMailBase & { expect?: string | null }): RenderedMail {
  const ref = `#${t.number}`;
  return composeMail({
    subject: ticketSubject(t, 'We received your request: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      `Thank you for contacting us. We have received your request ${ref} ("${t.subject}") and will get back to you soon.`,
      ...(t.expect ? [t.expect] : []),
      t.cern
        ? `It is tracked as exception ${t.cern}. Quote ${ref} or ${t.cern} whenever you contact us about it.`
        : `Quote ${ref} whenever you contact us about it.`,
    ],
    action: { label: 'Follow your request', url: requestUrl(t) },
    signature: t.supportName,
    footer: ticketFooter(t),
  });
}
