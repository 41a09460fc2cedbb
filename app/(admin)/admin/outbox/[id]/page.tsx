import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { MailDetail } from '@/components/admin/mail-detail';
import { getDb } from '@/db/client';
import { getOutboxMail } from '@/lib/mail/outbox';
import { resendMailAction } from '../actions';

export const metadata: Metadata = { title: 'Mail' };

/** One mail as it was (or will be) sent: headers, the text part, the HTML part, delivery. */
export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor(ADMINS);
  const { id } = await params;
  const mail = await getOutboxMail(getDb(), actor, id);
  if (!mail) notFound();
  return (
    <AdminShell actor={actor} current="/admin/outbox" title={mail.subject}>
      <p>
        <Link href="/admin/outbox" className="text-sm text-brand-700 underline">
          Back to the outbox
        </Link>
      </p>
      <MailDetail mail={mail} resendAction={resendMailAction} />
    </AdminShell>
  );
}
