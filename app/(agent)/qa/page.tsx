import type { Metadata } from 'next';
import Link from 'next/link';
import { LEADS, requireActor } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { DrawSampleForm } from '@/components/qa/qa-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getWeekSample } from '@/lib/qa/reviews';
import { addWeeks, parseWeek, weekLabel, weekOf } from '@/lib/qa/rules';
import { drawSampleAction } from './actions';

export const metadata: Metadata = { title: 'Quality review' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The leads' quality review: this week's and last week's samples by agent (or the week in the URL),
 * each request reviewed or not, a link to its review form, and the button that draws a week.
 */
export default async function QaPage({ searchParams }: Props) {
  const actor = await requireActor(LEADS);
  const params = await searchParams;
  const thisWeek = weekOf(new Date());
  const asked = parseWeek(params.week);
  const weeks = asked ? [asked] : [thisWeek, addWeeks(thisWeek, -1)];
  const db = getDb();
  const samples = await Promise.all(weeks.map((w) => getWeekSample(db, actor, w)));
  return (
    <StaffShell actor={actor}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Quality review</h1>
            <p className="text-sm text-slate-600">
              Each Monday a seeded random sample of the requests each agent resolved the week before is drawn; score
              each one on the rubric.{' '}
              <Link href="/qa/mine" className="text-brand-700 underline">
                My reviews
              </Link>
            </p>
          </div>
          <form method="get" action="/qa" className="flex items-end gap-2">
            <label className="block text-sm">
              <span className="mb-1 block font-medium text-slate-700">Week starting (Monday)</span>
              <input
                type="date"
                name="week"
                step={7}
                min="2000-01-03"
                defaultValue={asked ?? ''}
                className="block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              />
            </label>
            <button type="submit" className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300">
              Show week
            </button>
          </form>
        </div>
        {params.week !== undefined && !asked ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Choose a Monday: showing this week and last week.
          </p>
        ) : null}
        {weeks.map((week, i) => {
          const agents = samples[i]!;
          const label = weekLabel(week);
          return (
            <Card
              key={week}
              title={
                week === thisWeek
                  ? `This week · ${label}`
                  : week === addWeeks(thisWeek, -1)
                    ? `Last week · ${label}`
                    : label
              }
            >
              <div className="space-y-4">
                {agents.length === 0 ? (
                  <p className="text-sm text-slate-600">No sample drawn for this week yet.</p>
                ) : (
                  agents.map((a) => (
                    <section key={a.agentId} aria-label={`${a.agent}, ${label}`} className="space-y-2">
                      <h3 className="font-medium text-slate-900">
                        {a.agent}{' '}
                        <span className="text-sm font-normal text-slate-600">
                          {a.reviewed} of {a.tickets.length} reviewed
                        </span>
                      </h3>
                      <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
                        {a.tickets.map((t) => (
                          <li
                            key={t.sampleId}
                            className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
                          >
                            <span className="min-w-0 break-words">
                              #{t.number} {t.subject}
                            </span>
                            <span className="flex items-center gap-2">
                              {t.review ? (
                                <Badge tone="green">Reviewed · {t.review.score.toFixed(2)}</Badge>
                              ) : (
                                <Badge tone="amber">Not reviewed</Badge>
                              )}
                              <Link href={`/qa/review/${t.sampleId}`} className="font-medium text-brand-700 underline">
                                {t.review ? `Edit review of #${t.number}` : `Review #${t.number}`}
                              </Link>
                            </span>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ))
                )}
                {/* A week is drawn once it is over (lib/qa/sample.ts). */}
                {week < thisWeek ? <DrawSampleForm action={drawSampleAction} week={week} label={label} /> : null}
              </div>
            </Card>
          );
        })}
      </div>
    </StaffShell>
  );
}
