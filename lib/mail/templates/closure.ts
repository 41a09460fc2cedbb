import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

const WHY = {
  agent: 'We have closed it.',
  follow_up_window: 'We did not hear back after resolving it, so we have closed it.',
} as const;

/** The request is closed (by an agent, or when the follow-up window passed). */
export function closureMail(t: TicketMailBase & { reason: keyof typeof WHY }): RenderedMail {
  return composeMail({
    subject: ticketSubject(t, 'Closed: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      `Your request #${t.number} ("${t.subject}") is closed. ${WHY[t.reason]}`,
      'If the problem comes back, reply to this e-mail: we will open a follow-up request linked to this one.',
    ],
    action: { label: 'See your request', url: requestUrl(t) },
    signature: t.supportName,
    footer: ticketFooter(t),
  });
}
