/**
 * Mail that must never open a request nor be answered: auto-replies (out of office, "we got your
 * mail"), bulk and list mail, and delivery reports. Answering any of them is how two helpdesks end
 * up mailing each other forever. One place decides; pure, so it is unit-tested header by header.
 */
export interface LoopHeaders {
  /** Header name (lower case) → raw value. */
  get(name: string): string | undefined;
  /** The sender's address, lower case. */
  from: string;
  /** The top-level content type, e.g. `multipart/report`, and its report-type parameter. */
  contentType: string;
  reportType: string | null;
}

// The local part of a mail system's own address (RFC 5321 postmaster, the MTA's bounces).
const MACHINE_SENDERS = /^(?:mailer-daemon|mailer_daemon|mail-daemon|postmaster)$/i;

/** True for a delivery status notification (a bounce): `multipart/report; report-type=delivery-status`. */
export const isDeliveryReport = (h: Pick<LoopHeaders, 'contentType' | 'reportType'>): boolean =>
  h.contentType === 'multipart/report' && (h.reportType ?? '').toLowerCase() === 'delivery-status';

/** Why this message is machine-made (a reason for `inbound_emails.reason`), or null for a person's mail. */
export function automaticMailReason(h: LoopHeaders): string | null {
  if (isDeliveryReport(h)) return 'delivery status report (bounce)';
  const autoSubmitted = h.get('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  if (h.get('x-autoreply') !== undefined) return 'X-Autoreply';
  if (h.get('x-autorespond') !== undefined) return 'X-Autorespond';
  if (h.get('x-auto-response-suppress') !== undefined) return 'X-Auto-Response-Suppress';
  const precedence = h.get('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (MACHINE_SENDERS.test(h.from.split('@')[0] ?? '')) return `sent by ${h.from}`;
  if (h.contentType === 'multipart/report') return 'report (multipart/report)';
  return null;
}
