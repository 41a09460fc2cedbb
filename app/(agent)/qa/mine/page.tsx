import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listMyReviews } from '@/lib/qa/reviews';
import { weekLabel } from '@/lib/qa/rules';

export const metadata: Metadata = { title: 'My quality reviews' };

/** The signed-in agent's own reviews, with scores and comments; nobody else's. */
export default async function MyReviewsPage() {
  const actor = await requireActor(STAFF);
  const reviews = await listMyReviews(getDb(), actor);
  return (
    <StaffShell actor={actor}>
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-slate-900">My quality reviews</h1>
        <p className="text-sm text-slate-600">
          Leads review a random sample of the requests you resolved each week, scoring each criterion from 1 (poor) to 5
          (excellent).
        </p>
        {reviews.length === 0 ? (
          <p className="text-sm text-slate-600">No review of your requests yet.</p>
        ) : (
          <ul className="space-y-4" aria-label="My reviews">
            {reviews.map((r) => (
              <li key={r.id}>
                <Card title={`Review of #${r.number}`}>
                  <div className="space-y-2 text-sm">
                    <p className="break-words text-slate-900">
                      <Link href={`/tickets/${r.number}`} className="text-brand-700 underline">
                        #{r.number} {r.subject}
                      </Link>
                    </p>
                    <p className="text-slate-600">
                      {weekLabel(r.week)} · reviewed by {r.reviewer ?? 'a former lead'} ·{' '}
                      <LocalTime value={r.createdAt} />
                    </p>
                    <p className="font-medium text-slate-900">Score {r.score.toFixed(2)} of 5</p>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                      {r.scores.map((s) => (
                        <div key={s.name} className="contents">
                          <dt className="text-slate-600">{s.name}</dt>
                          <dd className="text-slate-900">{s.score} of 5</dd>
                        </div>
                      ))}
                    </dl>
                    {r.comment ? (
                      <blockquote className="border-l-4 border-slate-200 pl-3 break-words whitespace-pre-wrap text-slate-800">
                        {r.comment}
                      </blockquote>
                    ) : null}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </div>
    </StaffShell>
  );
}
