import { appUrl } from './layout';

/** What every ticket mail template knows about its request. */
export interface TicketMailBase {
  number: number;
  subject: string;
  cern: string | null;
  customerName: string;
  supportName: string;
  /**
   * For a customer without a verified portal login: their signed per-request link
   * (lib/guest/guest-link.ts), used instead of the portal page they could not open.
   */
  guestUrl?: string;
}

/**
 * `[#1042] Re: Printer on fire (CERN-2026-000042)`: the number (and CERN) in the subject thread
 * the customer's answer back to the request even when their client drops the headers.
 */
export function ticketSubject(ticket: Pick<TicketMailBase, 'number' | 'subject' | 'cern'>, prefix = ''): string {
  const cern = ticket.cern ? ` (${ticket.cern})` : '';
  return `[#${ticket.number}] ${prefix}${ticket.subject}${cern}`;
}

/** Small print on every ticket mail. */
export function ticketFooter(ticket: Pick<TicketMailBase, 'number' | 'cern' | 'supportName'>): string {
  const ref = ticket.cern ? `#${ticket.number} (${ticket.cern})` : `#${ticket.number}`;
  return `${ticket.supportName} · request ${ref}. Reply to this e-mail to add to your request; keep ${ref} in the subject.`;
}

export const portalRequestPath = (number: number): string => `/portal/requests/${number}`;

/** Where a mail sends the customer to see their request: the guest link when they have no login, else the portal. */
export const requestUrl = (t: Pick<TicketMailBase, 'number' | 'guestUrl'>): string =>
  t.guestUrl ?? appUrl(portalRequestPath(t.number));
