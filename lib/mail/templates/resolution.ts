import type { ResolutionSurvey } from '@/lib/surveys/send-survey';
import { appUrl, composeMail, type RenderedMail } from './layout';
import { requestUrl, ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/**
 * The request is resolved: the summary, and how to confirm the fix or reopen. It speaks of the
 * survey only when one comes: its link (sent now), or a separate mail after the rules' delay.
 */
export function resolutionMail(
  t: TicketMailBase & { summary: string; followUpDays: number; survey?: ResolutionSurvey; problemTitle?: string },
): RenderedMail {
  const survey = t.survey ?? { kind: 'none' };
  const later =
    survey.kind === 'later'
      ? ` We will also send you a short survey in ${survey.hours} hour${survey.hours === 1 ? '' : 's'}.`
      : '';
  const portal = requestUrl(t);
  return composeMail({
    subject: ticketSubject(t, 'Resolved: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: [
      t.problemTitle
        ? `Your request #${t.number} was caused by a known problem (${t.problemTitle}), which we have now fixed:`
        : `We believe your request #${t.number} is resolved:`,
    ],
    quote: t.summary,
    // With the survey in this mail, its link is the one thing to do: it asks "is it fixed?" and
    // needs no password; the request page stays one line below.
    action:
      survey.kind === 'link'
        ? { label: 'Is it fixed? Tell us how we did', url: appUrl(survey.linkPath) }
        : { label: 'Confirm the fix or reopen', url: portal },
    signature: t.supportName,
    footer: `${ticketFooter(t)} ${
      survey.kind === 'link'
        ? `The survey link works once and for 30 days. You can also confirm the fix on your request page (${portal}), or tell us what is still wrong — replying to this e-mail reopens it.`
        : 'Please confirm the fix on your request page, or tell us what is still wrong — replying to this e-mail reopens it.'
    }${later} Without an answer it closes after ${t.followUpDays} day${t.followUpDays === 1 ? '' : 's'}.`,
  });
}
