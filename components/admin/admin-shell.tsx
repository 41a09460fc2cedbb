import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { StaffShell } from '@/components/layout/staff-shell';

/** The sections of /admin. Leads see the ones marked, read-only, limited to what is theirs. */
export const ADMIN_SECTIONS = [
  { href: '/admin/people', label: 'People', lead: true },
  { href: '/admin/teams', label: 'Teams', lead: true },
  { href: '/admin/categories', label: 'Categories', lead: true },
  { href: '/admin/macros', label: 'Macros', lead: false },
  { href: '/admin/settings', label: 'Settings', lead: false },
  { href: '/admin/audit', label: 'Audit log', lead: false },
  { href: '/admin/jobs', label: 'Jobs', lead: false },
  { href: '/admin/outbox', label: 'Outbox', lead: false },
  { href: '/admin/webhooks', label: 'Webhooks', lead: false },
  { href: '/admin/root-causes', label: 'Root causes', lead: true },
  { href: '/admin/rules', label: 'Routing rules', lead: false },
  { href: '/admin/sla', label: 'SLA policies', lead: false },
  { href: '/admin/calendars', label: 'Business calendars', lead: false },
  { href: '/admin/qa', label: 'Quality review', lead: true },
  { href: '/admin/api-tokens', label: 'API tokens', lead: false },
  { href: '/admin/import', label: 'Import', lead: false },
] as const;

/**
 * The frame of every /admin page: the staff header plus the section list. `current` is the
 * section's href (its link gets aria-current).
 */
export function AdminShell({
  actor,
  current,
  title,
  children,
}: {
  actor: Actor;
  current: string;
  title: string;
  children: ReactNode;
}) {
  const sections = ADMIN_SECTIONS.filter((s) => actor.role === 'admin' || s.lead);
  return (
    <StaffShell actor={actor}>
      <div className="flex flex-col gap-6 md:flex-row">
        <nav aria-label="Administration" className="md:w-48 md:shrink-0">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {sections.map((s) => (
              <li key={s.href}>
                <Link
                  href={s.href}
                  aria-current={s.href === current ? 'page' : undefined}
                  className={`block rounded-md px-3 py-1.5 text-sm font-medium ${
                    s.href === current ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100'
                  }`}
                >
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 flex-1 space-y-4">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
      </div>
    </StaffShell>
  );
}
