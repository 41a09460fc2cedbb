import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { LEADS, requireActor } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { ReviewForm } from '@/components/qa/qa-forms';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { AppError } from '@/lib/core/result';
import { getReviewForm } from '@/lib/qa/reviews';
import { weekLabel } from '@/lib/qa/rules';
import { submitReviewAction } from '../../actions';

export const metadata: Metadata = { title: 'Review a request' };

/** One sampled request's review form (leads and admins); anything else is not found. */
export default async function ReviewPage(props: { params: Promise<{ sampleId: string }> }) {
  const actor = await requireActor(LEADS);
  const { sampleId } = await props.params;
  const form = await loadOr404(
    getReviewForm(getDb(), actor, sampleId).then((r) => {
      if (!r.ok) throw new AppError(r.code, r.message);
      return r.data;
    }),
  );
  return (
    <StaffShell actor={actor}>
      <div className="space-y-4">
        <p className="text-sm">
          <Link href="/qa" className="text-brand-700 underline">
            Back to quality review
          </Link>
        </p>
        <h1 className="text-2xl font-semibold break-words text-slate-900">
          Review #{form.ticket.number}: {form.ticket.subject}
        </h1>
        <p className="text-sm text-slate-600">
          Resolved by {form.agent} · sample of {weekLabel(form.week)} ·{' '}
          <Link href={`/tickets/${form.ticket.number}`} className="text-brand-700 underline">
            Open request #{form.ticket.number}
          </Link>
        </p>
        <Card title="Scores">
          {form.criteria.length === 0 ? (
            <p className="text-sm text-slate-600">
              The rubric has no active criterion yet: an admin adds them under Admin → Quality review.
            </p>
          ) : (
            <ReviewForm
              action={submitReviewAction}
              sampleId={form.sampleId}
              number={form.ticket.number}
              criteria={form.criteria}
              review={form.review}
            />
          )}
        </Card>
      </div>
    </StaffShell>
  );
}
