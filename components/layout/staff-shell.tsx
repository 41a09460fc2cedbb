import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { SignOutButton } from './sign-out-button';

const LINKS = [
  { href: '/tickets', label: 'Queue', roles: ['agent', 'lead', 'admin'] },
  { href: '/contacts/new', label: 'Log a contact', roles: ['agent', 'lead', 'admin'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['lead', 'admin'] },
] as const;

/** The agent workspace and lead dashboard frame: one header, the links the role may use. */
export function StaffShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/tickets" className="text-lg font-semibold text-brand-700">
            Cairn
          </Link>
          <nav aria-label="Workspace" className="flex flex-1 flex-wrap gap-1">
            {LINKS.filter((l) => (l.roles as readonly string[]).includes(actor.role)).map((l) => (
              <Link key={l.href} href={l.href} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
                {l.label}
              </Link>
            ))}
          </nav>
          <span className="text-sm text-slate-500">
            {actor.name} · {actor.role}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
