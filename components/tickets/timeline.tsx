import Link from 'next/link';
import { LocalTime } from '@/components/ui/local-time';
import { LinkedText, portalRequestHref, staffTicketHref } from './linked-text';
import type { TimelineEntry } from '@/lib/tickets/get-ticket';
import { EventLine } from './event-line';

/**
 * Messages and events in time order. Bodies are untrusted customer text: rendered as React text
 * (escaped), with line breaks kept — never as HTML.
 */
export function Timeline({ entries, audience }: { entries: TimelineEntry[]; audience: 'staff' | 'customer' }) {
  return (
    <ol className="space-y-3" aria-label="Timeline">
      {entries.map((entry) =>
        entry.kind === 'message' ? (
          <li
            key={`m-${entry.id}`}
            className={`rounded-lg border p-4 ${
              entry.visibility === 'internal'
                ? 'border-amber-200 bg-amber-50'
                : entry.authorKind === 'customer'
                  ? 'border-slate-200 bg-white'
                  : entry.authorKind === 'system'
                    ? 'border-slate-100 bg-slate-50'
                    : 'border-brand-100 bg-brand-50'
            }`}
          >
            <div className="mb-2 flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
              <span className="font-semibold text-slate-800">{entry.authorName}</span>
              {entry.visibility === 'internal' ? (
                <span className="font-semibold text-amber-700">Internal note</span>
              ) : null}
              {audience === 'staff' ? <span>via {entry.channel}</span> : null}
              <LocalTime value={entry.at} />
              {audience === 'staff' && entry.emailId ? (
                <Link href={`/tickets/emails/${entry.emailId}`} className="text-brand-700 underline">
                  Original e-mail
                </Link>
              ) : null}
            </div>
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">
              {/* Cairn's own messages name request numbers ("merged it into #1042"): those are links. */}
              {entry.authorKind === 'system' ? (
                <LinkedText text={entry.body} hrefFor={audience === 'staff' ? staffTicketHref : portalRequestHref} />
              ) : (
                entry.body
              )}
            </p>
          </li>
        ) : (
          <li key={`e-${entry.id}`} className="flex flex-wrap gap-x-2 px-1 text-xs text-slate-600">
            <span aria-hidden="true">•</span>
            <EventLine event={entry} />
            {entry.actorName ? <span>by {entry.actorName}</span> : null}
            <LocalTime value={entry.at} />
          </li>
        ),
      )}
    </ol>
  );
}
