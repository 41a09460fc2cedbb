import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { formatNumber } from '@/components/format';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { formatBytes } from '@/lib/attachments/limits';
import { getOriginalEmail } from '@/lib/mail/inbound/original-email';

export const metadata: Metadata = { title: 'Original e-mail' };

/**
 * The original of an e-mail that came in, for staff: every header and the whole text, quoted
 * history and signature included (the timeline shows it trimmed). Untrusted text, rendered as text.
 * Anyone else gets a 404.
 */
export default async function OriginalEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor(STAFF);
  const { id } = await params;
  const email = await loadOr404(getOriginalEmail(getDb(), actor, id));
  return (
    <StaffShell actor={actor}>
      {email.ticketNumber ? (
        <p className="mb-2 text-sm">
          <Link href={`/tickets/${email.ticketNumber}`} className="text-brand-700 underline">
            ← {formatNumber(email.ticketNumber)}
          </Link>
        </p>
      ) : null}
      <h1 className="mb-1 text-2xl font-semibold break-words">{email.subject ?? '(no subject)'}</h1>
      <p className="mb-6 text-sm text-slate-600">
        From {email.fromAddress ?? 'an unknown sender'} · received <LocalTime value={email.receivedAt} /> ·{' '}
        {formatBytes(email.sizeBytes)} · {email.status}
        {email.reason ? ` (${email.reason})` : ''} ·{' '}
        <a href={`/api/v1/emails/${email.id}/raw`} className="text-brand-700 underline" download>
          Download the raw message (.eml)
        </a>
      </p>
      <div className="space-y-6">
        <Card title="Text">
          <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{email.text || '(no text)'}</p>
        </Card>
        <Card title="Headers">
          <dl className="space-y-1 font-mono text-xs">
            {email.headers.map((h, i) => (
              <div key={i} className="break-words">
                <dt className="inline font-semibold text-slate-800">{h.name}:</dt>{' '}
                <dd className="inline text-slate-700">{h.value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </StaffShell>
  );
}
