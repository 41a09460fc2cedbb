import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { SaveViewForm } from '@/components/agent/save-view-form';
import { SelectableTicketTable } from '@/components/agent/selectable-ticket-table';
import { ExportCsvButton } from '@/components/export/export-csv-button';
import { StaffShell } from '@/components/layout/staff-shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listAllCategories } from '@/lib/tickets/categories';
import { getReferenceData } from '@/lib/tickets/reference-data';
import {
  describeDrillFilters,
  formatViewCount,
  listSavedViews,
  listView,
  viewFiltersSchema,
} from '@/lib/tickets/views';
import { ALL_STATUSES, STAGE_LABELS, STATUS_LABELS } from '@/lib/tickets/transitions';
import { bulkUpdateAction } from '../actions';
import { saveViewAction } from './actions';

export const metadata: Metadata = { title: 'Views' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SELECT = 'block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

function Choice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: [string, string][];
}) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={SELECT}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function DateInput({ label, name, value }: { label: string; name: string; value?: string }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <input type="date" name={name} defaultValue={value ?? ''} className={SELECT} />
    </label>
  );
}

/** Filtered views of the requests, and the saved ones (personal and team) with their counts. */
export default async function ViewsPage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const db = getDb();
  const params = await searchParams;
  // Filters keep retired categories: old requests have them and stay findable by them.
  const [saved, reference, allCategories] = await Promise.all([
    listSavedViews(db, actor),
    getReferenceData(db),
    listAllCategories(db),
  ]);
  const chosen = typeof params.saved === 'string' ? saved.find((v) => v.id === params.saved) : undefined;
  const parsed = viewFiltersSchema.safeParse(chosen ? chosen.filters : params);
  const filters = parsed.success ? parsed.data : viewFiltersSchema.parse({});
  const after = typeof params.after === 'string' ? params.after : undefined;
  const page = await loadOr404(listView(db, actor, filters, after));
  const one = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v === undefined ? undefined : String(v));
  const query = new URLSearchParams(
    Object.entries(filters).flatMap(([k, v]) =>
      v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]],
    ),
  ).toString();
  const agents = [...new Map(reference.agents.map((a) => [a.id, a.name])).entries()];

  return (
    <StaffShell actor={actor}>
      <h1 className="mb-4 text-2xl font-semibold">{chosen ? chosen.name : 'Views'}</h1>
      {describeDrillFilters(filters) ? (
        <p className="mb-4 text-sm text-slate-700">From the dashboard: {describeDrillFilters(filters)}</p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <nav aria-label="Saved views" className="space-y-1">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Saved views</p>
          {saved.length === 0 ? <p className="text-sm text-slate-600">None yet: filter, then save.</p> : null}
          {saved.map((v) => (
            <Link
              key={v.id}
              href={`/tickets/views?saved=${v.id}`}
              aria-current={chosen?.id === v.id ? 'page' : undefined}
              className={`flex justify-between rounded-md px-2 py-1.5 text-sm ${chosen?.id === v.id ? 'bg-brand-600 text-white' : 'hover:bg-slate-100'}`}
            >
              <span>
                {v.name}
                {v.team ? <span className="ml-1 text-xs">(team)</span> : null}
              </span>
              <span>{formatViewCount(v.count)}</span>
            </Link>
          ))}
        </nav>
        <div className="space-y-4">
          <Card title="Filters">
            <form
              method="get"
              action="/tickets/views"
              aria-label="Filters"
              className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-4"
            >
              <Choice
                label="Status"
                name="status"
                value={one(filters.status)}
                options={ALL_STATUSES.map((s) => [s, STATUS_LABELS[s]])}
              />
              <Choice label="Stage" name="stage" value={one(filters.stage)} options={Object.entries(STAGE_LABELS)} />
              <Choice
                label="Priority"
                name="priority"
                value={one(filters.priority)}
                options={[
                  ['1', 'P1'],
                  ['2', 'P2'],
                  ['3', 'P3'],
                  ['4', 'P4'],
                ]}
              />
              <Choice
                label="Channel"
                name="channel"
                value={one(filters.channel)}
                options={['web', 'email', 'phone', 'chat', 'social', 'api'].map((c) => [c, c])}
              />
              <Choice
                label="Team"
                name="teamId"
                value={filters.teamId}
                options={reference.teams.map((t) => [t.id, t.name])}
              />
              <Choice
                label="Assignee"
                name="assigneeId"
                value={filters.assigneeId}
                options={[['me', 'Me'], ['none', 'Unassigned'], ...agents]}
              />
              <Choice
                label="Category"
                name="categoryId"
                value={filters.categoryId}
                options={allCategories.map((c) => [c.id, c.retired ? `${c.name} (retired)` : c.name])}
              />
              <label className="block text-sm">
                <span className="mb-1 block font-medium text-slate-700">Tag</span>
                <input name="tag" defaultValue={filters.tag ?? ''} className={SELECT} />
              </label>
              <Choice
                label="Exception"
                name="exception"
                value={filters.exception}
                options={[
                  ['yes', 'With a CERN'],
                  ['no', 'No CERN'],
                ]}
              />
              <DateInput label="Resolution due by" name="dueBefore" value={filters.dueBefore} />
              <DateInput label="Created from" name="createdFrom" value={filters.createdFrom} />
              <DateInput label="Created to" name="createdTo" value={filters.createdTo} />
              <DateInput label="Updated from" name="updatedFrom" value={filters.updatedFrom} />
              <DateInput label="Updated to" name="updatedTo" value={filters.updatedTo} />
              <label className="block text-sm">
                <span className="mb-1 block font-medium text-slate-700">Sort by</span>
                <select name="sort" defaultValue={filters.sort} className={SELECT}>
                  <option value="priority">Priority, then age</option>
                  <option value="age">Oldest first</option>
                  <option value="due">Due soonest</option>
                  <option value="updated">Last updated</option>
                </select>
              </label>
              <div className="flex items-end">
                <Button type="submit">Apply filters</Button>
              </div>
            </form>
          </Card>
          <p role="status" aria-label="Matching count" className="text-sm text-slate-600">
            {formatViewCount(page.total)} matching {page.total === 1 ? 'request' : 'requests'}
          </p>
          <ExportCsvButton href={`/api/v1/tickets/export?${query}`} />
          <SelectableTicketTable
            key={`${chosen?.id ?? query}-${after ?? ''}`}
            rows={page.rows}
            label="Matching requests"
            reference={reference}
            bulkUpdate={bulkUpdateAction}
          />
          {page.next ? (
            <Link
              href={`/tickets/views?${query}&after=${page.next}`}
              className="inline-block rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300"
            >
              Next page
            </Link>
          ) : null}
          {!chosen ? (
            <Card title="Save this view">
              <SaveViewForm saveViewAction={saveViewAction} query={query} teams={reference.teams} />
            </Card>
          ) : null}
        </div>
      </div>
    </StaffShell>
  );
}
