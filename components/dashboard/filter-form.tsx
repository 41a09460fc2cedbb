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

/** One dimension's choice: "Any …" (no filter) or one of its values; the URL keeps it. */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: (typeof FILTER_KEYS)[number];
  value: string | number | undefined;
  options: readonly { id: string | number; name: string }[];
}) {
  return (
    <SelectField label={label} name={name} defaultValue={value === undefined ? '' : String(value)}>
      <option value="">Any {label.toLowerCase()}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ id: c, name: c.charAt(0).toUpperCase() + c.slice(1) }));
const PRIORITY_OPTIONS = [1, 2, 3, 4].map((p) => ({ id: p, name: `P${p}` }));

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
      <FilterSelect
        label="Organization"
        name="organizationId"
        value={filters.organizationId}
        options={options.organizations}
      />
      <FilterSelect label="Team" name="teamId" value={filters.teamId} options={options.teams} />
      <FilterSelect label="Agent" name="assigneeId" value={filters.assigneeId} options={options.agents} />
      <FilterSelect label="Category" name="categoryId" value={filters.categoryId} options={options.categories} />
      <FilterSelect label="Channel" name="channel" value={filters.channel} options={CHANNEL_OPTIONS} />
      <FilterSelect label="Priority" name="priority" value={filters.priority} options={PRIORITY_OPTIONS} />
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <a href="/dashboard" className="text-sm text-slate-700 underline">
        Clear filters
      </a>
    </form>
  );
}
