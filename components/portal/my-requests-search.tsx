import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';

/**
 * Search and filter on /portal (lib/portal/my-requests.ts): a plain GET form, so the query lives
 * in the URL (shareable, back button) and works without scripts.
 */
export function MyRequestsSearch({
  q,
  status,
  filters,
}: {
  q: string;
  status: string | undefined;
  filters: { value: string; label: string }[];
}) {
  const filtered = q !== '' || status !== undefined;
  return (
    <form
      method="get"
      action="/portal"
      role="search"
      aria-label="My requests"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <div className="min-w-48 flex-1">
        <TextField
          label="Search my requests"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          hint="Words or a request number"
        />
      </div>
      <div className="w-48">
        <SelectField label="Show" name="status" defaultValue={status ?? ''}>
          <option value="">All requests</option>
          {filters.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex items-center gap-3 pb-5">
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {filtered ? (
          <Link href="/portal" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
