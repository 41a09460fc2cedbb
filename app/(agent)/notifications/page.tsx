import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { MarkAllReadForm } from '@/components/notifications/mark-all-read-form';
import { TimeAgo } from '@/components/notifications/time-ago';
import { FormMessage } from '@/components/ui/form-message';
import { getDb } from '@/db/client';
import { listNotifications } from '@/lib/notifications/inbox';
import { markAllReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every notification of the signed-in staff member, newest first, a page at a time (the bell shows the latest). */
export default async function NotificationsPage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const { before } = await searchParams;
  const result = await listNotifications(getDb(), actor, typeof before === 'string' ? { before } : {});
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-3xl space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Notifications</h1>
            {result.ok ? (
              <p className="mt-1 text-sm text-slate-600">
                {result.data.unread === 0 ? 'All read.' : `${result.data.unread} unread.`}
              </p>
            ) : null}
          </div>
          {result.ok && result.data.unread > 0 ? <MarkAllReadForm action={markAllReadAction} /> : null}
        </div>
        {!result.ok ? (
          <FormMessage error={result.message} />
        ) : result.data.items.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
            {before
              ? 'No older notifications.'
              : 'Nothing yet. You are told here when a request is assigned to you, its customer replies, a CERN you own changes, or someone @mentions you in a note.'}
          </p>
        ) : (
          <ol
            aria-label="Notifications"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
          >
            {result.data.items.map((n) => (
              <li key={n.id} className={n.readAt ? '' : 'bg-brand-50'}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
                  <div className="min-w-0">
                    <a
                      href={`/notifications/${n.id}`}
                      className="font-medium break-words text-brand-700 hover:underline"
                    >
                      {n.ticketNumber !== null ? `#${n.ticketNumber} ` : null}
                      {n.ticketSubject}
                    </a>
                    <p className="break-words text-slate-700">{n.summary}</p>
                  </div>
                  <p className="shrink-0 text-xs text-slate-600">
                    {n.readAt ? null : <span className="mr-2 font-semibold text-slate-800">Unread</span>}
                    <TimeAgo value={n.createdAt} />
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )}
        {before || (result.ok && result.data.next) ? (
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {before ? (
              <Link href="/notifications" className="text-brand-700 hover:underline">
                Newest
              </Link>
            ) : null}
            {result.ok && result.data.next ? (
              <Link
                href={`/notifications?before=${encodeURIComponent(result.data.next)}`}
                className="text-brand-700 hover:underline"
              >
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </StaffShell>
  );
}
