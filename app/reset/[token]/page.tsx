import type { Metadata } from 'next';
import { AuthFrame, DeadLink } from '@/components/auth/auth-frame';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { getDb } from '@/db/client';
import { checkResetLink, RESET_LINK_INVALID } from '@/lib/auth/password-reset';
import { resetPasswordAction } from './actions';

// The link's secret is in the path: no page it leads to needs to see it.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

/** The form is shown only for a live link; opening it changes nothing (mail scanners open links too). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkResetLink(getDb(), token);
  if (!link)
    return (
      <DeadLink
        title="This link does not work"
        message={RESET_LINK_INVALID}
        action={{ text: 'Ask for a new link', href: '/forgot' }}
      />
    );
  return (
    <AuthFrame
      title="Choose a new password"
      intro={`For ${link.email}. Every session of this account will be signed out.`}
      footer={{ text: 'Remembered it?', link: 'Sign in', href: '/signin' }}
    >
      <ResetPasswordForm action={resetPasswordAction} token={token} email={link.email} />
    </AuthFrame>
  );
}
