import Link from 'next/link';
import { LocalTime } from '@/components/ui/local-time';
import { Card } from '@/components/ui/card';
import type { FeedbackRow } from '@/lib/metrics/recent-feedback';

export function RecentFeedback({ rows }: { rows: FeedbackRow[] }) {
  return (
    <Card title="Recent feedback">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No survey answered yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.number} className="py-2 text-sm">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <Link href={`/tickets/${r.number}`} className="font-mono text-brand-700 underline">
                  #{r.number}
                </Link>
                <span className="min-w-0 flex-1 truncate">{r.subject}</span>
                <span className="font-medium">
                  CSAT {r.csat ?? '—'}/5 · NPS {r.nps ?? '—'}/10
                </span>
              </div>
              {r.comment ? <p className="mt-1 break-words text-slate-700 italic">“{r.comment}”</p> : null}
              <p className="text-xs text-slate-500">
                {r.customerName} · <LocalTime value={r.answeredAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
