import type { Metadata } from 'next';
import { AuthFrame } from '@/components/auth/auth-frame';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default function ForgotPasswordPage() {
  return (
    <AuthFrame
      title="Forgot your password?"
      intro="Enter the e-mail address of your account and we will send you a link to choose a new password."
      footer={{ text: 'Remembered it?', link: 'Sign in', href: '/signin' }}
    >
      <ForgotPasswordForm action={forgotPasswordAction} />
    </AuthFrame>
  );
}
