import type { Metadata } from 'next';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { PolicyActiveForm, PolicyForm } from '@/components/admin/sla-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSlaAdmin } from '@/lib/admin/sla';
import { formatMinutes } from '@/lib/sla/format';
import { savePolicyAction, setPolicyActiveAction } from './actions';

export const metadata: Metadata = { title: 'SLA policies' };

/**
 * SLA policies: targets per priority, optionally per category and/or organization (the most
 * specific active one wins), counted in a business calendar's hours. A change recomputes the due
 * times of open requests (a job).
 */
export default async function SlaPoliciesPage() {
  const actor = await requireActor(ADMINS);
  const { policies, calendars, categories, organizations } = await getSlaAdmin(getDb(), actor);
  const choices = { categories, organizations, calendars: calendars.map((c) => ({ id: c.id, name: c.name })) };
  return (
    <AdminShell actor={actor} current="/admin/sla" title="SLA policies">
      <Card title="Policies">
        <p className="mb-3 text-sm text-slate-600">
          The most specific active policy wins: organization and category, then organization, then category, then
          priority only. Without one, the built-in targets apply round the clock.
        </p>
        {policies.length === 0 ? <p className="text-sm text-slate-600">No policies yet.</p> : null}
        <ul className="divide-y divide-slate-100" aria-label="SLA policies">
          {policies.map((p) => (
            <li key={p.id} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium break-words text-slate-900">
                  P{p.priority} · {p.name} {p.active ? null : <Badge>inactive</Badge>}
                </p>
                <p className="text-sm text-slate-600">
                  First response {formatMinutes(p.firstResponseMinutes)} · resolution{' '}
                  {formatMinutes(p.resolutionMinutes)}
                </p>
              </div>
              <p className="text-sm break-words text-slate-700">
                {p.categoryName ? `Category ${p.categoryName}` : 'Any category'} ·{' '}
                {p.organizationName ? `Organization ${p.organizationName}` : 'any organization'} ·{' '}
                {p.calendarName ?? 'round the clock'}
                {p.warnAtPercent ? ` · warns at ${p.warnAtPercent} %` : ''}
                {p.escalateOnBreach ? ' · escalates on breach' : ''}
              </p>
              <div className="flex flex-wrap items-start gap-3">
                <details className="min-w-0 flex-1">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {p.name}</summary>
                  <div className="mt-2">
                    <PolicyForm action={savePolicyAction} policy={p} {...choices} />
                  </div>
                </details>
                <PolicyActiveForm action={setPolicyActiveAction} policy={p} />
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="New policy">
        <PolicyForm action={savePolicyAction} {...choices} />
      </Card>
    </AdminShell>
  );
}
