/**
 * The frame every mail template shares: one description of the content becomes both the
 * plain-text part and the HTML part, so the two never say different things. Everything put in
 * here is text; the HTML side escapes it (customer names, subjects and replies are untrusted).
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContent {
  subject: string;
  /** "Hello Ada," — omitted when empty. */
  greeting?: string;
  /** Plain paragraphs; line breaks inside one are kept. */
  paragraphs: string[];
  /** A quoted block: the reply text, the resolution summary. */
  quote?: string;
  /** The one thing to do, as a button in HTML and a bare URL in text. */
  action?: { label: string; url: string };
  /** The sign-off: an agent's name and signature, or the support team's name. */
  signature?: string;
  /** Small print under a rule: why you got this, the request number. */
  footer?: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const htmlText = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');
const safeUrl = (url: string): string => (/^https?:\/\//i.test(url) ? url : '#');

export function composeMail(content: MailContent): RenderedMail {
  const text: string[] = [];
  const html: string[] = [];
  if (content.greeting) {
    text.push(content.greeting);
    html.push(`<p>${htmlText(content.greeting)}</p>`);
  }
  for (const p of content.paragraphs) {
    text.push(p);
    html.push(`<p>${htmlText(p)}</p>`);
  }
  if (content.quote) {
    text.push(
      content.quote
        .split(/\r?\n/)
        .map((l) => `> ${l}`)
        .join('\n'),
    );
    html.push(
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd5e1;color:#334155">${htmlText(content.quote)}</blockquote>`,
    );
  }
  if (content.action) {
    text.push(`${content.action.label}: ${content.action.url}`);
    html.push(
      `<p><a href="${escapeHtml(safeUrl(content.action.url))}" style="display:inline-block;padding:8px 16px;background:#0f766e;color:#ffffff;border-radius:6px;text-decoration:none">${htmlText(content.action.label)}</a></p>`,
    );
  }
  if (content.signature) {
    text.push(`-- \n${content.signature}`);
    html.push(`<p style="color:#475569">${htmlText(content.signature)}</p>`);
  }
  if (content.footer) {
    text.push(`---\n${content.footer}`);
    html.push(
      `<hr style="border:none;border-top:1px solid #e2e8f0"><p style="font-size:12px;color:#64748b">${htmlText(content.footer)}</p>`,
    );
  }
  return {
    subject: content.subject.replace(/[\r\n]+/g, ' ').trim(),
    text: text.join('\n\n') + '\n',
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.5;color:#0f172a;max-width:640px">${html.join('')}</body></html>`,
  };
}

/** An absolute link into the app for a mail: `APP_URL`, else `NEXTAUTH_URL`, else the demo's address. */
export function appUrl(path: string, env: Record<string, string | undefined> = process.env): string {
  const base = (env.APP_URL ?? env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
