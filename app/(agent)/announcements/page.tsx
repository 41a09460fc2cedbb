import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { AnnouncementForm, CloseAnnouncementForm } from '@/components/announcements/announcement-forms';
import { StaffShell } from '@/components/layout/staff-shell';
import { AnnouncementText } from '@/components/portal/known-problems';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listAnnouncementsForStaff, RECENTLY_CLOSED_DAYS } from '@/lib/announcements/announcements';
import { closeAnnouncementAction, editAnnouncementAction, postAnnouncementAction } from './actions';

export const metadata: Metadata = { title: 'Known problems' };

/** Known problems: post an announcement customers see on every portal page, edit it, close it. */
export default async function AnnouncementsPage() {
  const actor = await requireActor(STAFF);
  const all = await listAnnouncementsForStaff(getDb(), actor);
  const open = all.filter((a) => !a.closedAt);
  const closed = all.filter((a) => a.closedAt);
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-3xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Known problems</h1>
          <p className="mt-1 text-sm text-slate-600">
            An open announcement shows on every portal page — the customer&apos;s requests, the new-request form and the{' '}
            <Link href="/help" className="text-brand-700 underline">
              help centre
            </Link>{' '}
            — signed in or not, until you close it.
          </p>
        </div>

        <Card title="Post an announcement">
          <AnnouncementForm action={postAnnouncementAction} />
        </Card>

        <section aria-labelledby="open-heading" className="space-y-3">
          <h2 id="open-heading" className="text-lg font-semibold text-slate-900">
            Open ({open.length})
          </h2>
          {open.length === 0 ? <p className="text-sm text-slate-600">Nothing is announced right now.</p> : null}
          {open.map((a) => (
            <article
              key={a.id}
              aria-label={a.title}
              className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h3 className="font-semibold break-words text-slate-900">{a.title}</h3>
              <p className="text-xs text-slate-600">
                Posted <LocalTime value={a.createdAt} /> by {a.createdByName ?? 'someone who left'}
                {a.ticketNumber ? (
                  <>
                    {' · about '}
                    <Link href={`/tickets/${a.ticketNumber}`} className="text-brand-700 underline">
                      #{a.ticketNumber}
                      {a.ticketCern ? ` (${a.ticketCern})` : ''}
                    </Link>
                  </>
                ) : null}
              </p>
              <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
                <p className="mb-1 text-xs font-medium">As customers see it</p>
                <AnnouncementText announcement={a} />
              </div>
              <details>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit</summary>
                <div className="mt-3">
                  <AnnouncementForm
                    action={editAnnouncementAction}
                    announcement={{ id: a.id, title: a.title, body: a.body, ticketNumber: a.ticketNumber }}
                  />
                </div>
              </details>
              <CloseAnnouncementForm action={closeAnnouncementAction} announcement={a} />
            </article>
          ))}
        </section>

        <section aria-labelledby="closed-heading" className="space-y-3">
          <h2 id="closed-heading" className="text-lg font-semibold text-slate-900">
            Closed in the last {RECENTLY_CLOSED_DAYS} days
          </h2>
          {closed.length === 0 ? <p className="text-sm text-slate-600">None.</p> : null}
          <ul className="space-y-2">
            {closed.map((a) => (
              <li key={a.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <p className="font-medium break-words text-slate-900">{a.title}</p>
                <p className="text-xs text-slate-600">
                  Posted <LocalTime value={a.createdAt} /> by {a.createdByName ?? 'someone who left'} · closed{' '}
                  <LocalTime value={a.closedAt!} /> by {a.closedByName ?? 'someone who left'}
                  {a.ticketNumber ? (
                    <>
                      {' · about '}
                      <Link href={`/tickets/${a.ticketNumber}`} className="text-brand-700 underline">
                        #{a.ticketNumber}
                      </Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </StaffShell>
  );
}
