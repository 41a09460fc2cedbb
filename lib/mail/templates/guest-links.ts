import { composeMail, type RenderedMail } from './layout';

/**
 * "Send me fresh links" (lib/guest/guest-request.ts): one fresh signed link per open request.
 * Only sent to an address that has requests, so it reaches no one else.
 */
export function guestLinksMail(data: {
  name: string;
  requests: { number: number; subject: string; url: string }[];
  supportName: string;
}): RenderedMail {
  return composeMail({
    subject: 'Your links to your requests',
    greeting: `Hello ${data.name},`,
    paragraphs: [
      'Someone (we hope you) asked for new links to your requests. Each link below opens one request, where you can read our answers and reply:',
      ...data.requests.map((r) => `#${r.number} ${r.subject}\n${r.url}`),
      'The links work for 30 days. If this was not you, ignore this mail: only you received them.',
    ],
    signature: data.supportName,
    footer: 'You get this mail because someone asked for links to the requests of this address.',
  });
}
