import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { LiveQueue } from '@/components/agent/live-queue';
import { StaffShell } from '@/components/layout/staff-shell';
import { getDb } from '@/db/client';
import { countQueues, listQueue, QUEUE_VIEWS, queueQuerySchema } from '@/lib/tickets/queue';
import { getReferenceData } from '@/lib/tickets/reference-data';
import { bulkUpdateAction } from './actions';

export const metadata: Metadata = { title: 'Queue' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rendered on the server for the first paint; LiveQueue keeps it current from then on. */
export default async function QueuePage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const { view, after } = queueQuerySchema.parse(await searchParams);
  const db = getDb();
  const [page, counts, reference] = await Promise.all([
    loadOr404(listQueue(db, actor, { view, after })),
    countQueues(db, actor),
    getReferenceData(db),
  ]);

  return (
    <StaffShell actor={actor}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{QUEUE_VIEWS[view]}</h1>
        <div className="flex gap-2">
          <Link
            href="/tickets/views"
            className="rounded-md px-3.5 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Views & filters
          </Link>
          <Link
            href="/contacts/new"
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Log a contact
          </Link>
        </div>
      </div>
      <LiveQueue
        key={`${view}-${after ?? ''}`}
        view={view}
        after={after}
        labels={QUEUE_VIEWS}
        initial={{ ...page, counts }}
        reference={reference}
        bulkUpdate={bulkUpdateAction}
      />
    </StaffShell>
  );
}
