import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { OutboxListItem, OutboxStatus } from '@/lib/mail/outbox';

export const OUTBOX_TONE: Record<OutboxStatus, 'blue' | 'green' | 'red'> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
};

/** Mail as labelled rows that wrap on a phone: subject (opens it), recipient, kind, status, time. */
export function OutboxList({ items }: { items: OutboxListItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">No mail matches.</p>;
  return (
    <ul aria-label="Mail" className="divide-y divide-slate-100">
      {items.map((m) => (
        <li key={m.id} className="space-y-1 py-2.5 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/admin/outbox/${m.id}`} className="font-medium break-all text-brand-700 underline">
              {m.subject}
            </Link>
            <Badge tone={OUTBOX_TONE[m.status]}>{m.status}</Badge>
          </div>
          <p className="break-all text-slate-600">
            To {m.toAddress} · {m.kind.replace(/_/g, ' ')}
            {m.attempts > 0 ? ` · ${m.attempts} attempt${m.attempts === 1 ? '' : 's'}` : ''} ·{' '}
            <LocalTime value={m.sentAt ?? m.createdAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
