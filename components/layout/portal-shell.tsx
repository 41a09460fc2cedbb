import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { KnownProblems } from '@/components/portal/known-problems';
import { SignOutButton } from './sign-out-button';

/**
 * The customer's frame. `actor` is null for a signed-out visitor (the help centre, the guest
 * request form, a guest's request page, a survey link): the header then offers sign-in instead.
 */
export function PortalShell({ actor, children }: { actor: Actor | null; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/portal" className="text-lg font-semibold text-brand-700">
            Cairn Support
          </Link>
          <nav aria-label="Portal" className="flex flex-1 flex-wrap gap-1">
            <Link href="/help" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Help
            </Link>
            {actor ? (
              <Link
                href="/portal"
                className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                My requests
              </Link>
            ) : null}
            <Link
              href="/portal/new"
              className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              New request
            </Link>
          </nav>
          {actor ? (
            <>
              <span className="text-sm text-slate-500">{actor.name}</span>
              <Link href="/account" className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
                Account
              </Link>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
              Sign in
            </Link>
          )}
        </div>
      </header>
      <KnownProblems />
      <main className="mx-auto max-w-4xl px-4 py-6">{children}</main>
    </div>
  );
}
