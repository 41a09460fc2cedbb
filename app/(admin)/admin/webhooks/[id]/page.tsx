import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { EditWebhookForm, RotateSecretForm } from '@/components/admin/webhook-forms';
import { RowActionButton } from '@/components/admin/row-action-button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { getSubscription } from '@/lib/webhooks/admin';
import { WEBHOOK_EVENT_CHOICES } from '@/lib/webhooks/events';
import {
  deleteWebhookAction,
  pauseWebhookAction,
  redeliverWebhookAction,
  resumeWebhookAction,
  rotateWebhookSecretAction,
  testWebhookAction,
  updateWebhookAction,
} from '../actions';

export const metadata: Metadata = { title: 'Webhook' };

const TONE = { succeeded: 'green', failed: 'red', pending: 'blue', skipped: 'slate' } as const;

/** One subscription: its settings, actions and delivery log (newest 50, each with its attempts). */
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor(ADMINS);
  const result = await getSubscription(getDb(), actor, { id: (await params).id });
  if (!result.ok) notFound();
  const { subscription: s, deliveries } = result.data;
  return (
    <AdminShell actor={actor} current="/admin/webhooks" title={s.name}>
      <p>
        <Link href="/admin/webhooks" className="text-sm text-brand-700 underline">
          Back to webhooks
        </Link>
      </p>
      <Card
        title="State"
        actions={s.pausedAt ? <Badge tone="amber">Paused</Badge> : <Badge tone="green">Active</Badge>}
      >
        <div className="space-y-3 text-sm text-slate-700">
          {s.pausedAt ? (
            <p>
              Paused <LocalTime value={s.pausedAt} />. {s.pausedReason} Events that happen while paused are not sent.
            </p>
          ) : (
            <p>
              Sending to <span className="break-all">{s.url}</span>.
              {s.consecutiveFailures > 0 ? ` The last ${s.consecutiveFailures} attempts failed.` : ''}
            </p>
          )}
          <div className="flex flex-wrap gap-3">
            <RowActionButton action={testWebhookAction} fields={{ id: s.id }} label="Send test event" />
            {s.pausedAt ? (
              <RowActionButton action={resumeWebhookAction} fields={{ id: s.id }} label="Resume" />
            ) : (
              <RowActionButton action={pauseWebhookAction} fields={{ id: s.id }} label="Pause" />
            )}
          </div>
        </div>
      </Card>
      <Card title="Delivery log">
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <ol aria-label="Deliveries" className="divide-y divide-slate-100">
            {deliveries.map((d) => {
              const last = d.log[0];
              return (
                <li key={d.id} className="space-y-2 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                    <code className="text-xs">{d.type}</code>
                    <Badge tone={TONE[d.status]}>{d.status}</Badge>
                    <span className="text-slate-700">
                      {d.responseStatus ? `HTTP ${d.responseStatus}` : last?.error ? 'no answer' : 'not tried yet'}
                    </span>
                    <span className="text-slate-600">
                      {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                      {last ? `, last ${last.durationMs} ms` : ''}
                    </span>
                    <span className="text-slate-600">
                      <LocalTime value={d.lastAttemptAt ?? d.createdAt} />
                    </span>
                    {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 ? (
                      <span className="text-slate-600">
                        next try <LocalTime value={d.nextAttemptAt} />
                      </span>
                    ) : null}
                    {d.status !== 'pending' ? (
                      <RowActionButton
                        action={redeliverWebhookAction}
                        fields={{ id: s.id, deliveryId: d.id }}
                        label="Redeliver"
                        accessibleLabel={`Redeliver ${d.type} event ${d.eventId}`}
                      />
                    ) : null}
                  </div>
                  <details>
                    <summary className="cursor-pointer text-brand-700">Event {d.eventId}: request and answers</summary>
                    <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">
                      {d.requestBody}
                    </pre>
                    <ol className="mt-2 space-y-2">
                      {d.log.map((a) => (
                        <li key={a.attempt} className="rounded border border-slate-200 p-2 text-xs">
                          <p>
                            Attempt {a.attempt}, <LocalTime value={a.at} />, {a.durationMs} ms:{' '}
                            {a.responseStatus ? `HTTP ${a.responseStatus}` : 'no answer'}
                            {a.error ? ` — ${a.error}` : ''}
                          </p>
                          {a.responseBody ? (
                            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-slate-700">
                              {a.responseBody}
                            </pre>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </details>
                </li>
              );
            })}
          </ol>
        )}
      </Card>
      <Card title="Settings">
        <EditWebhookForm
          action={updateWebhookAction}
          choices={WEBHOOK_EVENT_CHOICES}
          webhook={{ id: s.id, name: s.name, url: s.url, events: s.events }}
        />
      </Card>
      <Card title="Signing secret">
        <div className="space-y-3 text-sm text-slate-700">
          <p>
            The secret is shown only when it is made. Rotating makes a new one; the old one keeps signing (a second{' '}
            <code>v1=</code>) for 24 hours so receivers can switch.
          </p>
          <RotateSecretForm action={rotateWebhookSecretAction} id={s.id} />
        </div>
      </Card>
      <Card title="Delete">
        <RowActionButton action={deleteWebhookAction} fields={{ id: s.id }} label="Delete webhook" variant="danger" />
      </Card>
    </AdminShell>
  );
}
