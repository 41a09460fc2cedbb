import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { CreateWebhookForm } from '@/components/admin/webhook-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { getDb } from '@/db/client';
import { listSubscriptions } from '@/lib/webhooks/admin';
import { WEBHOOK_EVENT_CHOICES } from '@/lib/webhooks/events';
import { createWebhookAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

/** Webhook subscriptions: other systems told what happened, by signed POSTs (docs/webhooks.md). */
export default async function WebhooksPage() {
  const actor = await requireActor(ADMINS);
  const subscriptions = await listSubscriptions(getDb(), actor);
  return (
    <AdminShell actor={actor} current="/admin/webhooks" title="Webhooks">
      <p className="text-sm text-slate-600">
        Cairn POSTs a signed JSON event to each URL when something it subscribed to happens, retrying with backoff until
        it answers 2xx. How to receive and verify them: docs/webhooks.md.
      </p>
      <Card title="Subscriptions">
        {subscriptions.length === 0 ? (
          <p className="text-sm text-slate-600">No webhooks yet.</p>
        ) : (
          <TableScroll label="Webhook subscriptions table">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-600">
                <tr>
                  <th className="py-1 pr-3 font-medium">Name</th>
                  <th className="py-1 pr-3 font-medium">URL</th>
                  <th className="py-1 pr-3 font-medium">Events</th>
                  <th className="py-1 pr-3 font-medium">State</th>
                  <th className="py-1 font-medium">Deliveries</th>
                </tr>
              </thead>
              {/* The URL and events cells have a floor: at 390 px the table scrolls sideways instead of
                  squeezing the URL to a few characters a line (break-all still wraps a very long one). */}
              <tbody className="divide-y divide-slate-100">
                {subscriptions.map((s) => (
                  <tr key={s.id}>
                    <td className="py-2 pr-3">
                      <Link href={`/admin/webhooks/${s.id}`} className="font-medium text-brand-700 underline">
                        {s.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 text-slate-700">
                      <div className="min-w-64 break-all">{s.url}</div>
                    </td>
                    <td className="py-2 pr-3 text-slate-700">
                      <div className="min-w-40">{s.events.join(', ')}</div>
                    </td>
                    <td className="py-2 pr-3">
                      {s.pausedAt ? <Badge tone="amber">Paused</Badge> : <Badge tone="green">Active</Badge>}
                    </td>
                    <td className="py-2 text-slate-700">
                      {s.counts.succeeded} delivered, {s.counts.failed} failed, {s.counts.pending} pending
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card title="New webhook">
        <CreateWebhookForm action={createWebhookAction} choices={WEBHOOK_EVENT_CHOICES} />
      </Card>
    </AdminShell>
  );
}
