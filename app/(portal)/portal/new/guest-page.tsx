import Link from 'next/link';
import { PortalShell } from '@/components/layout/portal-shell';
import { GuestFormPanel } from '../guest/guest-form-panel';

/** /portal/new signed out: ask without an account (issue 13). */
export function GuestNewRequestPage() {
  return (
    <PortalShell actor={null}>
      <h1 className="mb-1 text-2xl font-semibold">New request</h1>
      <p className="mb-6 text-sm text-slate-600">
        No account needed: tell us who you are and what is wrong. We e-mail you a link to follow your request and answer
        us. Have an account?{' '}
        <Link href="/signin?callbackUrl=%2Fportal%2Fnew" className="text-brand-700 underline">
          Sign in
        </Link>{' '}
        to see all your requests in one place.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <GuestFormPanel />
      </div>
    </PortalShell>
  );
}
