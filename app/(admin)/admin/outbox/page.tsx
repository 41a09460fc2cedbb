import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { OutboxList } from '@/components/admin/outbox-list';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { listOutbox, outboxCounts } from '@/lib/mail/outbox';

export const metadata: Metadata = { title: 'Outbox' };

/** Every mail Cairn wrote, newest first: what was sent, what waits (no SMTP server), what failed. */
export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor(ADMINS);
  const params = await searchParams;
  const db = getDb();
  const [{ items, next, filter }, counts] = await Promise.all([listOutbox(db, actor, params), outboxCounts(db, actor)]);
  const smtp = Boolean(process.env.SMTP_URL?.trim());
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.q) query.set('q', filter.q);
  return (
    <AdminShell actor={actor} current="/admin/outbox" title="Outbox">
      <p className="text-sm text-slate-600">
        {smtp
          ? 'Mail is sent over SMTP by a background job; a failed send is retried, then kept here as failed.'
          : 'No SMTP server is configured (SMTP_URL), so mail stays here, queued: read it below. It is sent once SMTP is set up.'}
      </p>
      <form method="get" action="/admin/outbox" className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <SelectField label="Status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">All ({counts.queued + counts.sent + counts.failed})</option>
            <option value="queued">Queued ({counts.queued})</option>
            <option value="sent">Sent ({counts.sent})</option>
            <option value="failed">Failed ({counts.failed})</option>
          </SelectField>
        </div>
        <div className="min-w-0 flex-1 sm:max-w-xs">
          <TextField label="Address or subject" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={200} />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <Card title="Mail">
        <OutboxList items={items} />
        {next ? (
          <p className="mt-3">
            <Link
              href={`/admin/outbox?${new URLSearchParams([...query.entries(), ['before', next]]).toString()}`}
              className="text-sm text-brand-700 underline"
            >
              Older mail
            </Link>
          </p>
        ) : null}
      </Card>
    </AdminShell>
  );
}
