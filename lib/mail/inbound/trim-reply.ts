import EmailReplyParser from 'email-reply-parser';

/**
 * Where quoted history starts, for the clients email-reply-parser does not know (or knows only in
 * English): Outlook's "From: … Sent: …" header block and its "-----Original Message-----" line,
 * Apple Mail's "On 30 Nov 2026, at 13:10, X wrote:" (also quoted with "> "), and a Gmail
 * attribution broken over two lines. Everything from the first match on is history.
 */
const HISTORY_STARTS: readonly RegExp[] = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/im,
  /^_{10,}\s*$/m, // Outlook's rule above the header block
  // Outlook: a "From:" line followed within a few lines by "Sent:" (or "Date:") and "To:"/"Subject:".
  /^\*?From:\*?[^\n]*\n(?:[^\n]*\n){0,2}?\*?(?:Sent|Date):\*?[^\n]*\n(?:[^\n]*\n){0,3}?\*?(?:To|Subject):/im,
  /^(?:>\s*)?On\s[^\n]{1,200}(?:\n[^\n]{1,200})?\swrote:\s*$/im,
  /^(?:>\s*)?Am\s[^\n]{1,200}schrieb[^\n]*:\s*$/im,
  /^(?:>\s*)?Le\s[^\n]{1,200}a écrit\s?:\s*$/im,
];

/** Forwarded mail is the customer's point, not history: a forward is kept whole. */
const FORWARDED = /^-{5,}\s*Forwarded message\s*-{5,}\s*$|^Begin forwarded message:\s*$/im;

/** Trailing "-- " signatures (RFC 3676 delimiter), and the mobile footers clients add. */
const SIGNATURE = /^-- ?$/m;

/**
 * The new part of a reply: quoted history and signatures trimmed. The full original stays in
 * `inbound_emails.raw`; this is only the text stored on the timeline. Never returns more than it
 * was given, and returns the untrimmed text rather than nothing when trimming would leave nothing
 * (a message that is all quote).
 */
export function trimReply(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\uFEFF/g, '');
  const forwardAt = normalized.search(FORWARDED);
  let head = normalized;
  let forwarded = '';
  if (forwardAt >= 0) {
    head = normalized.slice(0, forwardAt);
    forwarded = normalized.slice(forwardAt);
  }
  for (const pattern of HISTORY_STARTS) {
    const at = head.search(pattern);
    if (at >= 0) head = head.slice(0, at);
  }
  const signature = head.search(SIGNATURE);
  if (signature >= 0) head = head.slice(0, signature);
  // email-reply-parser drops "> " quotes and the attributions it knows; a forward is kept as sent.
  const visible = forwarded
    ? `${head.trimEnd()}\n\n${forwarded.trim()}`
    : new EmailReplyParser().read(head).getVisibleText();
  const trimmed = visible
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return trimmed || normalized.trim();
}
