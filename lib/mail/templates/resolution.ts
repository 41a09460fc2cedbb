import { composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/** The request is resolved: the summary, and how to confirm the fix or reopen. */
export function resolutionMail(
  t: TicketMailBase & { summary: string; followUpDays: number; survey?: boolean },
): RenderedMail {
  return composeMail({
    subject: ticketSubject(t, 'Resolved: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [`We believe your request #${t.number} is resolved:`],
    quote: t.summary,
    action: { label: 'Confirm the fix or reopen', url: requestUrl(t) },
    signature: t.supportName,
    footer: `${ticketFooter(t)} Please confirm the fix${t.survey === false ? '' : ' (and rate our service)'} on your request page, or tell us what is still wrong — replying to this e-mail reopens it. Without an answer it closes after ${t.followUpDays} day${t.followUpDays === 1 ? '' : 's'}.`,
  });
}
