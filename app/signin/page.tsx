import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { FormMessage } from '@/components/ui/form-message';
import { getActor } from '../_auth/session';

export const metadata: Metadata = { title: 'Sign in' };

/** Where a reset or a verification link sends the person afterwards (`?reset=done`, `?verified=1`). */
const ARRIVALS: Record<string, string> = {
  reset: 'Your password has been changed and every session signed out. Sign in with the new password.',
  verified: 'Your e-mail address is confirmed and your account is ready. Sign in with the password you chose.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getActor()) redirect('/');
  const query = await searchParams;
  const arrival = query.reset === 'done' ? ARRIVALS.reset : query.verified === '1' ? ARRIVALS.verified : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Sign in to Cairn</h1>
      <p className="mt-1 text-sm text-slate-600">Customers, agents and team leads all sign in here.</p>
      {arrival ? (
        <div className="mt-4">
          <FormMessage success={arrival} />
        </div>
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SignInForm />
        <p className="mt-4 text-sm">
          <Link href="/forgot" className="font-medium text-brand-700 underline">
            Forgot your password?
          </Link>
        </p>
      </div>
      <p className="mt-4 text-sm text-slate-600">
        New here?{' '}
        <Link href="/signup" className="font-medium text-brand-700 underline">
          Create a customer account
        </Link>
      </p>
    </main>
  );
}
