import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { MAX_QUERY } from '@/lib/search/query';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { AvailabilitySwitch } from '@/components/routing/availability-switch';
import { SignOutButton } from './sign-out-button';

const LINKS = [
  { href: '/tickets', label: 'Queue', roles: ['agent', 'lead', 'admin'] },
  { href: '/contacts/new', label: 'Log a contact', roles: ['agent', 'lead', 'admin'] },
  { href: '/articles', label: 'Articles', roles: ['agent', 'lead', 'admin'] },
  { href: '/follow-ups', label: 'Follow-ups', roles: ['agent', 'lead', 'admin'] },
  { href: '/announcements', label: 'Known problems', roles: ['agent', 'lead', 'admin'] },
  { href: '/problems', label: 'Problems', roles: ['agent', 'lead', 'admin'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['lead', 'admin'] },
  { href: '/qa', label: 'Quality review', roles: ['lead', 'admin'] },
  { href: '/qa/mine', label: 'My reviews', roles: ['agent'] },
  { href: '/admin', label: 'Admin', roles: ['lead', 'admin'] },
] as const;

/**
 * The agent workspace and lead dashboard frame: one header, the links the role may use, and the
 * search box (a plain GET form, so it works before any script has loaded). `query` keeps the
 * current search in the box on the results page.
 */
export function StaffShell({ actor, query, children }: { actor: Actor; query?: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/tickets" className="text-lg font-semibold text-brand-700">
            Cairn
          </Link>
          <nav aria-label="Workspace" className="flex flex-1 flex-wrap gap-1">
            {LINKS.filter((l) => (l.roles as readonly string[]).includes(actor.role)).map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                {l.label}
              </Link>
            ))}
          </nav>
          <form role="search" action="/tickets/search" method="get" className="w-full sm:w-72">
            <label htmlFor="header-search" className="sr-only">
              Search tickets
            </label>
            <input
              id="header-search"
              type="search"
              name="q"
              defaultValue={query}
              maxLength={MAX_QUERY}
              required
              placeholder="Search: #1042, CERN, words, name, e-mail, phone"
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
            />
          </form>
          <span className="text-sm text-slate-500">
            {actor.name} · {actor.role}
          </span>
          <AvailabilitySwitch />
          <NotificationBell />
          <Link href="/account" className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
            Account
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
