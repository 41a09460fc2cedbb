import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import type { DashboardOptions } from '@/lib/metrics/dashboard';
import { CHANNELS } from '@/lib/metrics/filter-values';
import type { DashboardFilters } from '@/lib/metrics/filters';

const FILTER_KEYS = ['organizationId', 'teamId', 'assigneeId', 'categoryId', 'channel', 'priority'] as const;

/** The filters as hidden inputs, so a period form keeps them. */
export function FilterHiddenInputs({ filters }: { filters: DashboardFilters }) {
  return (
    <>
      {FILTER_KEYS.map((key) =>
        filters[key] === undefined ? null : <input key={key} type="hidden" name={key} value={String(filters[key])} />,
      )}
    </>
  );
}

/** The period as hidden inputs, so the filter form keeps it. */
export function PeriodHiddenInputs({ days, from, to }: { days: number | null; from?: string; to?: string }) {
  if (days === null && from && to)
    return (
      <>
        <input type="hidden" name="from" value={from} />
        <input type="hidden" name="to" value={to} />
      </>
    );
  return days === null ? null : <input type="hidden" name="days" value={String(days)} />;
}

/** Team, agent, category, channel and priority: a GET form, so the URL keeps them (shareable). */
export function DashboardFilterForm({
  filters,
  options,
  children,
}: {
  filters: DashboardFilters;
  options: DashboardOptions;
  children?: ReactNode;
}) {
  return (
    <form method="get" action="/dashboard" aria-label="Dashboard filters" className="flex flex-wrap items-end gap-3">
      {children}
      <SelectField label="Organization" name="organizationId" defaultValue={filters.organizationId ?? ''}>
        <option value="">Any organization</option>
        {options.organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Team" name="teamId" defaultValue={filters.teamId ?? ''}>
        <option value="">Any team</option>
        {options.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Agent" name="assigneeId" defaultValue={filters.assigneeId ?? ''}>
        <option value="">Any agent</option>
        {options.agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Category" name="categoryId" defaultValue={filters.categoryId ?? ''}>
        <option value="">Any category</option>
        {options.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Channel" name="channel" defaultValue={filters.channel ?? ''}>
        <option value="">Any channel</option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {c.charAt(0).toUpperCase() + c.slice(1)}
          </option>
        ))}
      </SelectField>
      <SelectField label="Priority" name="priority" defaultValue={filters.priority ? String(filters.priority) : ''}>
        <option value="">Any priority</option>
        {[1, 2, 3, 4].map((p) => (
          <option key={p} value={p}>
            P{p}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <a href="/dashboard" className="text-sm text-slate-700 underline">
        Clear filters
      </a>
    </form>
  );
}
