import { appUrl, composeMail, type RenderedMail } from './layout';

export interface NotificationMailItem {
  number: number;
  subject: string;
  summary: string;
}

/** Mail bodies list this many requests; a bulk change of 200 says "and 190 more". */
export const MAIL_ITEM_LIMIT = 10;

/**
 * A staff member's notifications from one change, for those who chose "also e-mail me"
 * (/account): one mail per change, however many requests it touched.
 */
export function notificationMail({ name, items }: { name: string; items: NotificationMailItem[] }): RenderedMail {
  const [first] = items;
  const single = items.length === 1 && first;
  const shown = items.slice(0, MAIL_ITEM_LIMIT);
  const more = items.length - shown.length;
  return composeMail({
    subject: single ? `[#${first.number}] ${first.summary}` : `${items.length} requests need your attention`,
    greeting: `Hello ${name},`,
    paragraphs: [
      ...shown.map((i) => `#${i.number} ${i.subject}\n${i.summary}\n${appUrl(`/tickets/${i.number}`)}`),
      ...(more > 0 ? [`… and ${more} more.`] : []),
    ],
    action: single
      ? { label: `Open #${first.number}`, url: appUrl(`/tickets/${first.number}`) }
      : { label: 'See your notifications', url: appUrl('/notifications') },
    footer: 'You get these e-mails because you chose "also e-mail me" on your account page. Turn them off there.',
  });
}
