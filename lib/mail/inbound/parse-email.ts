import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { automaticMailReason, isDeliveryReport, type LoopHeaders } from './auto-reply';

export interface InboundAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** What Cairn reads from one raw RFC 5322 message. Text is storable (no NUL, no lone surrogates). */
export interface ParsedEmail {
  /** Without angle brackets; null when the message has none. */
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the order a thread is looked up in. */
  threadIds: string[];
  from: { address: string; name: string };
  /** '' when the message has no subject. */
  subject: string;
  /** The body as text (an HTML-only mail converted by mailparser); '' when there is none. */
  text: string;
  attachments: InboundAttachment[];
  /** Why it is machine-made (auto-reply, bulk, bounce), or null. */
  automatic: string | null;
  /** A delivery status notification: the ids of the returned message and the diagnostic. */
  deliveryReport: { originalIds: string[]; diagnostic: string } | null;
}

export type ParseOutcome = { ok: true; email: ParsedEmail } | { ok: false; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text PostgreSQL stores (lib/core/fields isStorableText): NUL bytes and broken characters dropped. */
export const storable = (s: string): string => s.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');

const MESSAGE_ID = /<([^<>\s]{1,500})>/g;
const idsIn = (value: string | string[] | undefined): string[] =>
  [value ?? []].flat().flatMap((v) => [...v.matchAll(MESSAGE_ID)].map((m) => storable(m[1]!)));

const headerText = (value: HeaderValue | undefined): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return String(value);
};

/** A header block must come first: `Name: value` on the first line (RFC 5322 §2.2). */
const STARTS_WITH_HEADER = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * Parses a raw message with mailparser. A message is refused (nothing is stored) only when it is
 * not an e-mail at all: empty, no header block, or no sender address to answer. Everything else —
 * no subject, no body, an unknown charset (decoded as best mailparser can), 8-bit headers — parses.
 */
export async function parseEmail(raw: Buffer): Promise<ParseOutcome> {
  if (raw.length === 0) return { ok: false, message: 'The message is empty.' };
  if (!STARTS_WITH_HEADER.test(raw.subarray(0, 1000).toString('latin1')))
    return { ok: false, message: 'The message does not start with a header block (RFC 5322).' };
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, keepDeliveryStatus: true });
  } catch (error) {
    return { ok: false, message: `The message could not be parsed: ${(error as Error).message}` };
  }
  const sender = firstAddress(mail.from);
  if (!sender) return { ok: false, message: 'The message has no sender address (From).' };

  const get = (name: string) => headerText(mail.headers.get(name));
  const contentType = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const loop: LoopHeaders = {
    get,
    from: sender.address,
    contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
    reportType: contentType?.params?.['report-type'] ?? null,
  };
  const report = isDeliveryReport(loop);
  const threadIds = [...idsIn(mail.inReplyTo), ...idsIn(mail.references).reverse()];

  return {
    ok: true,
    email: {
      messageId: idsIn(mail.messageId)[0] ?? null,
      threadIds: [...new Set(threadIds)],
      from: sender,
      subject: storable(mail.subject ?? '').trim(),
      text: storable(mail.text ?? '').trim(),
      attachments: report
        ? []
        : mail.attachments.map((a, i) => ({
            filename: storable(a.filename ?? `attachment-${i + 1}`),
            contentType: a.contentType ?? '',
            data: a.content,
          })),
      automatic: automaticMailReason(loop),
      deliveryReport: report ? readDeliveryReport(raw, threadIds) : null,
    },
  };
}

function firstAddress(from: AddressObject | undefined): { address: string; name: string } | null {
  for (const entry of from?.value ?? []) {
    const address = storable(entry.address ?? '')
      .trim()
      .toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(address)) return { address, name: storable(entry.name ?? '').trim() };
    for (const member of entry.group ?? []) {
      const inGroup = (member.address ?? '').trim().toLowerCase();
      if (/^[^\s@]+@[^\s@]+$/.test(inGroup)) return { address: inGroup, name: storable(member.name ?? '').trim() };
    }
  }
  return null;
}

/**
 * A DSN (RFC 3464) names the message it returns in its third part (the returned headers or the
 * whole message) and why it failed in `Diagnostic-Code` (else `Status`). Read from the raw report
 * body, which mailparser does not expose part by part.
 */
export function readDeliveryReport(
  raw: Buffer,
  ownThreadIds: string[] = [],
): { originalIds: string[]; diagnostic: string } {
  const text = raw.toString('latin1');
  const bodyAt = text.search(/\r?\n\r?\n/);
  const body = bodyAt >= 0 ? text.slice(bodyAt) : '';
  const ids = [...body.matchAll(/^(?:Message-ID|In-Reply-To|References):[ \t]*((?:.*)(?:\r?\n[ \t]+.*)*)/gim)].flatMap(
    (m) => idsIn(m[1]),
  );
  const unfold = (s: string) => s.replace(/\r?\n[ \t]+/g, ' ').trim();
  const diagnostic = /^Diagnostic-Code:[ \t]*((?:.*)(?:\r?\n[ \t]+.*)*)/im.exec(body)?.[1];
  const status = /^Status:[ \t]*(.*)$/im.exec(body)?.[1];
  return {
    originalIds: [...new Set([...ids, ...ownThreadIds])],
    diagnostic: storable(
      unfold(diagnostic ?? (status ? `Status: ${status}` : 'Delivery failed (no diagnostic given).')),
    ).slice(0, 1000),
  };
}
