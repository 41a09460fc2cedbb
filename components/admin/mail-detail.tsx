import Link from 'next/link';
import type { ReactNode } from 'react';
import { OUTBOX_TONE } from '@/components/admin/outbox-list';
import { RowActionButton } from '@/components/admin/row-action-button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import type { ActionState } from '@/lib/core/action-state';
import type { OutboxMail } from '@/lib/mail/outbox';

const bracket = (id: string) => `<${id}>`;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-1.5 sm:grid-cols-[10rem_1fr]">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * A mail's headers, delivery state and both parts. The HTML part is our template's (escaped)
 * output, but it is shown in a sandboxed frame all the same: no scripts, no same origin, no forms.
 */
export function MailDetail({
  mail,
  resendAction,
}: {
  mail: OutboxMail;
  resendAction: (prev: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  return (
    <div className="space-y-4">
      <Card title="Delivery">
        <dl className="text-sm">
          <Row label="Status">
            <Badge tone={OUTBOX_TONE[mail.status]}>{mail.status}</Badge>
          </Row>
          <Row label="Attempts">{mail.attempts}</Row>
          {mail.lastError ? <Row label="Last error">{mail.lastError}</Row> : null}
          <Row label="Written">
            <LocalTime value={mail.createdAt} />
          </Row>
          {mail.sentAt ? (
            <Row label="Sent">
              <LocalTime value={mail.sentAt} />
            </Row>
          ) : null}
          {mail.failedAt ? (
            <Row label="Failed">
              <LocalTime value={mail.failedAt} />
            </Row>
          ) : null}
        </dl>
        {mail.status === 'failed' ? (
          <div className="mt-3">
            <RowActionButton action={resendAction} id={mail.id} label="Resend" accessibleLabel="Resend this mail" />
          </div>
        ) : null}
      </Card>
      <Card title="Headers">
        <dl className="text-sm">
          <Row label="To">{mail.toAddress}</Row>
          <Row label="From">{mail.fromName ? `${mail.fromName} via the support address` : 'The support address'}</Row>
          <Row label="Subject">{mail.subject}</Row>
          <Row label="Kind">{mail.kind.replace(/_/g, ' ')}</Row>
          {mail.ticketNumber ? (
            <Row label="Request">
              <Link href={`/tickets/${mail.ticketNumber}`} className="text-brand-700 underline">
                #{mail.ticketNumber}
              </Link>
            </Row>
          ) : null}
          <Row label="Message-ID">
            <code>{mail.messageId ? bracket(mail.messageId) : '—'}</code>
          </Row>
          <Row label="In-Reply-To">
            <code>{mail.inReplyTo ? bracket(mail.inReplyTo) : '—'}</code>
          </Row>
          <Row label="References">
            {mail.references.length > 0 ? (
              <ol className="space-y-0.5">
                {mail.references.map((r) => (
                  <li key={r}>
                    <code>{bracket(r)}</code>
                  </li>
                ))}
              </ol>
            ) : (
              '—'
            )}
          </Row>
        </dl>
      </Card>
      <Card title="Text part">
        <pre className="overflow-x-auto text-sm break-words whitespace-pre-wrap text-slate-800">{mail.body}</pre>
      </Card>
      {mail.html ? (
        <Card title="HTML part">
          <iframe
            title="HTML part of the mail"
            sandbox=""
            srcDoc={mail.html}
            className="h-96 w-full rounded-md border border-slate-200 bg-white"
          />
        </Card>
      ) : null}
    </div>
  );
}
