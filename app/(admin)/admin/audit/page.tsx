import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { auditChanges } from '@/lib/admin/audit-format';
import { auditFacets, auditFilterSchema, COMMAND_LINE, listAudit, type AuditFilter } from '@/lib/admin/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const INPUT = 'block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

/** The filters as a query string (empty ones left out), so a filtered page can be shared and paged. */
function query(filter: AuditFilter, before?: number): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'entityType', 'entity', 'from', 'to'] as const)
    if (filter[key]) params.set(key, filter[key]);
  if (before) params.set('before', String(before));
  return params.toString();
}

/** Every change made in /admin: who, when, what, before → after; newest first, filters in the URL. */
export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireActor(ADMINS);
  const raw = await searchParams;
  const filter = auditFilterSchema.parse({
    actor: first(raw.actor),
    action: first(raw.action),
    entityType: first(raw.entityType),
    entity: first(raw.entity),
    from: first(raw.from),
    to: first(raw.to),
    before: first(raw.before) || undefined,
  });
  const db = getDb();
  const [page, facets] = await Promise.all([listAudit(db, actor, filter), auditFacets(db, actor)]);

  return (
    <AdminShell actor={actor} current="/admin/audit" title="Audit log">
      <Card title="Filter">
        <form
          method="get"
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
          role="search"
          aria-label="Filter the audit log"
        >
          <div className="space-y-1">
            <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-700">
              Who
            </label>
            <select id="audit-actor" name="actor" defaultValue={filter.actor} className={INPUT}>
              <option value="">Anyone</option>
              <option value={COMMAND_LINE}>The command line</option>
              {facets.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-700">
              Action
            </label>
            <select id="audit-action" name="action" defaultValue={filter.action} className={INPUT}>
              <option value="">Any action</option>
              {facets.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-type" className="block text-sm font-medium text-slate-700">
              What kind
            </label>
            <select id="audit-type" name="entityType" defaultValue={filter.entityType} className={INPUT}>
              <option value="">Anything</option>
              {facets.entityTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-entity" className="block text-sm font-medium text-slate-700">
              Name, e-mail or id
            </label>
            <input id="audit-entity" name="entity" type="search" defaultValue={filter.entity} className={INPUT} />
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-from" className="block text-sm font-medium text-slate-700">
              From (UTC day)
            </label>
            <input id="audit-from" name="from" type="date" defaultValue={filter.from} className={INPUT} />
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-to" className="block text-sm font-medium text-slate-700">
              To (UTC day)
            </label>
            <input id="audit-to" name="to" type="date" defaultValue={filter.to} className={INPUT} />
          </div>
          <div className="flex items-end gap-3">
            <button
              type="submit"
              className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Filter
            </button>
            <Link href="/admin/audit" className="text-sm text-brand-700 underline">
              Clear
            </Link>
          </div>
        </form>
      </Card>
      {page.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No entries match these filters.</p>
      ) : (
        <ol className="space-y-3" aria-label="Audit entries">
          {page.rows.map((row) => {
            const changes = auditChanges(row.before, row.after);
            return (
              <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                <p className="flex flex-wrap gap-x-2 text-slate-600">
                  <LocalTime value={row.createdAt} />
                  <span>·</span>
                  <span className="font-medium text-slate-800">{row.actorName ?? 'The command line'}</span>
                  <span className="font-mono text-xs leading-5 text-slate-700">{row.action}</span>
                </p>
                <p className="mt-1 font-medium break-words text-slate-900">
                  {row.entityType}: {row.entityLabel || row.entityId || '—'}
                </p>
                {changes.length > 0 ? (
                  <ul className="mt-2 space-y-0.5">
                    {changes.map((c) => (
                      <li key={c.field} className="break-words">
                        <span className="text-slate-500">{c.field}:</span>{' '}
                        {c.from !== null ? <span className="text-slate-700">{c.from}</span> : null}
                        {c.from !== null && c.to !== null ? ' → ' : null}
                        {c.to !== null ? <span className="text-slate-900">{c.to}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {page.nextBefore ? (
        <p className="text-sm">
          <Link
            href={`/admin/audit?${query(filter, page.nextBefore)}`}
            className="font-medium text-brand-700 underline"
          >
            Older entries
          </Link>
        </p>
      ) : null}
    </AdminShell>
  );
}
