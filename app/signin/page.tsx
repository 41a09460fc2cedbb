import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getActor } from '../_auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getActor()) redirect('/');
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Sign in to Cairn</h1>
      <p className="mt-1 text-sm text-slate-600">Customers, agents and team leads all sign in here.</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SignInForm />
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
