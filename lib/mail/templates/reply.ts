import { composeMail, type RenderedMail } from './layout';
import { ticketFooter, ticketSubject, type TicketMailBase } from './ticket-subject';

/** An agent's public reply, signed with their name and e-mail signature. */
export function replyMail(
  t: TicketMailBase & { body: string; agentName: string; signature: string | null },
): RenderedMail {
  const signature = t.signature?.trim() ? `${t.agentName}\n${t.signature.trim()}` : `${t.agentName}\n${t.supportName}`;
  return composeMail({
    subject: ticketSubject(t, 'Re: '),
    greeting: `Hello ${t.customerName},`,
    paragraphs: t.body.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== ''),
    ...(t.guestUrl ? { action: { label: 'View your request and reply', url: t.guestUrl } } : {}),
    signature,
    footer: ticketFooter(t),
  });
}
