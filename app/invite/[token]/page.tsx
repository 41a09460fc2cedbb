import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/admin/accept-invitation-form';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { LINK_GONE, viewInvitation } from '@/lib/admin/invitations';
import { acceptInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Your invitation', referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

/** Public: the link is the permission. A link that no longer works says so and offers nothing. */
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const invitation = await viewInvitation(getDb(), token);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      {invitation ? (
        <>
          <h1 className="text-2xl font-semibold text-slate-900">Join the support team</h1>
          <p className="mt-1 text-sm text-slate-600">
            {invitation.inviterName ? `${invitation.inviterName} invited you` : 'You were invited'} as{' '}
            <strong>{invitation.roleLabel.toLowerCase()}</strong>
            {invitation.teams.length > 0 ? ` in ${invitation.teams.join(', ')}` : ''}. Choose your password to start.
            This link works once, until <LocalTime value={invitation.expiresAt} />.
          </p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <AcceptInvitationForm
              action={acceptInvitationAction}
              token={token}
              email={invitation.email}
              name={invitation.name}
            />
          </div>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold text-slate-900">This link no longer works</h1>
          <p className="mt-2 text-sm text-slate-700">{LINK_GONE}</p>
          <p className="mt-4 text-sm text-slate-600">
            Already set your password?{' '}
            <Link href="/signin" className="font-medium text-brand-700 underline">
              Sign in
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
