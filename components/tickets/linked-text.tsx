import Link from 'next/link';
import { Fragment } from 'react';

/**
 * Text in which request numbers ("merged it into #1042") become links to that request. Still
 * text: the pieces render as React text, never as HTML.
 */
export function LinkedText({ text, hrefFor }: { text: string; hrefFor: (number: number) => string }) {
  const parts = text.split(/(#\d{1,10})\b/);
  return (
    <>
      {parts.map((part, i) =>
        /^#\d+$/.test(part) ? (
          <Link key={i} href={hrefFor(Number(part.slice(1)))} className="text-brand-700 underline">
            {part}
          </Link>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export const staffTicketHref = (n: number) => `/tickets/${n}`;
export const portalRequestHref = (n: number) => `/portal/requests/${n}`;
