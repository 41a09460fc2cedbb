import { appUrl, composeMail, type RenderedMail } from './layout';
import { ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/** The satisfaction survey (or its one reminder), with its signed link; no sign-in needed. */
export function surveyMail(
  t: TicketMailBase & { linkPath: string; reminder: boolean; linkDays: number; askFixed: boolean },
): RenderedMail {
  const opening = t.reminder
    ? `A short reminder: we would still like to know how we did with your request #${t.number}.`
    : `Your request #${t.number} has been resolved. How did we do?`;
  return composeMail({
    subject: ticketSubject(t, t.reminder ? 'Reminder: how did we do? ' : 'How did we do? '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      opening,
      `It takes under a minute and needs no password${t.askFixed ? '. If the problem is not fixed, say so and we will reopen your request' : ''}.`,
    ],
    action: { label: 'Answer the survey', url: appUrl(t.linkPath) },
    signature: t.supportName,
    footer: `${ticketFooter(t)} The survey link works once and for ${t.linkDays} days.`,
  });
}
