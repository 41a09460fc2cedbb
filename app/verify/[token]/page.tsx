import type { Metadata } from 'next';
import { AuthFrame, DeadLink } from '@/components/auth/auth-frame';
import { VerifyEmailForm } from '@/components/auth/verify-email-form';
import { getDb } from '@/db/client';
import { checkVerificationLink, VERIFY_LINK_INVALID } from '@/lib/auth/sign-up';
import { verifyEmailAction } from './actions';

// The link's secret is in the path: no page it leads to needs to see it.
export const metadata: Metadata = { title: 'Confirm your e-mail address', referrer: 'no-referrer' };

/** Opening the link only shows a button: mail scanners open links too, and must not create the account. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkVerificationLink(getDb(), token);
  if (!link)
    return (
      <DeadLink
        title="This link does not work"
        message={VERIFY_LINK_INVALID}
        action={{ text: 'Sign up again', href: '/signup' }}
      />
    );
  return (
    <AuthFrame
      title="Confirm your e-mail address"
      intro={`Hello ${link.name}: confirm that ${link.email} is yours and your account is ready.`}
      footer={{ text: 'Already have an account?', link: 'Sign in', href: '/signin' }}
    >
      <VerifyEmailForm action={verifyEmailAction} token={token} />
    </AuthFrame>
  );
}
