import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { formatNumber } from '@/components/format';
import { LocalTime } from '@/components/ui/local-time';
import { StaffShell } from '@/components/layout/staff-shell';
import { Highlighted } from '@/components/search/highlighted';
import { PriorityBadge, StatusBadge } from '@/components/tickets/badges';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { getReadDb } from '@/db/client';
import { statusEnum } from '@/db/schema';
import { ALL_STATUSES, STATUS_LABELS } from '@/lib/tickets/transitions';
import { readSearchTerms } from '@/lib/search/query';
import { searchInputSchema, searchTickets, type MatchKind, type SearchRow } from '@/lib/search/search-tickets';
import { getReferenceData } from '@/lib/tickets/reference-data';

export const metadata: Metadata = { title: 'Search' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => (one(v) === '' ? undefined : one(v));

// The query is checked by the use case's own schema (so its message can be shown); a bad filter
// or page link is simply dropped.
const pageParams = z.object({
  q: z.preprocess(one, z.string().optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(statusEnum.enumValues).optional()).catch(undefined),
  team: z.preprocess(blankToUndefined, z.uuid().optional()).catch(undefined),
  after: z.preprocess(blankToUndefined, z.string().max(200).optional()).catch(undefined),
});

const MATCHED_ON: Record<MatchKind, string> = {
  number: 'Request number',
  cern: 'CERN',
  external: 'Number in the helpdesk it came from',
  contact: 'Customer e-mail or phone',
  customer: 'Customer name',
  text: 'Subject or description',
  message: 'Message',
  similar: 'Similar subject',
};

const SNIPPET_SOURCE = { description: 'Description', public: 'Reply', internal: 'Internal note' } as const;

function searchHref(params: { q: string; status?: string; team?: string; after?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `/tickets/search?${query.toString()}`;
}

function Result({ row }: { row: SearchRow }) {
  return (
    <li className="space-y-1.5 p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link href={`/tickets/${row.number}`} className="font-medium text-slate-900 hover:underline">
          <span className="font-mono text-brand-700">{formatNumber(row.number)}</span>{' '}
          <Highlighted text={row.subjectHighlight} />
        </Link>
        {row.cern ? <span className="font-mono text-xs text-red-700">{row.cern}</span> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <StatusBadge status={row.status} />
        <PriorityBadge priority={row.priority} />
        <span>{row.customerName}</span>
        <span aria-hidden="true">·</span>
        <span>{row.teamName ?? 'No team yet'}</span>
        <span aria-hidden="true">·</span>
        <span>
          <LocalTime value={row.createdAt} dateOnly />
        </span>
        <span aria-hidden="true">·</span>
        <span>Matched on: {MATCHED_ON[row.matchedOn]}</span>
      </div>
      {row.snippet ? (
        <p className="text-sm text-slate-700">
          {row.snippetSource ? (
            <span className="mr-1 text-xs font-semibold text-slate-500 uppercase">
              {SNIPPET_SOURCE[row.snippetSource]}:
            </span>
          ) : null}
          <Highlighted text={row.snippet} />
        </p>
      ) : null}
    </li>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const params = pageParams.parse(await searchParams);
  const q = params.q?.trim() ?? '';
  const checked = searchInputSchema.shape.q.safeParse(q);
  const db = getReadDb('search');
  const { teams } = await getReferenceData(db);

  const filters = { status: params.status, teamId: params.team };
  const page = checked.success
    ? await loadOr404(searchTickets(db, actor, { q: checked.data, ...filters, after: params.after }))
    : null;

  // `#1042` or a CERN that names a request: go straight to it. Quoting it ("1042") searches the text instead.
  const terms = readSearchTerms(q);
  const top = page?.rows[0];
  const filtered = Boolean(params.status || params.team || params.after);
  if (
    top &&
    !filtered &&
    ((terms.number === top.number && top.matchedOn === 'number') ||
      (terms.cern !== null && terms.cern === top.cern && top.matchedOn === 'cern'))
  ) {
    redirect(`/tickets/${top.number}`);
  }

  return (
    <StaffShell actor={actor} query={q}>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{q ? <>Search results for “{q}”</> : 'Search tickets'}</h1>
        <p className="text-sm text-slate-600">
          Best matches first. #1042 or a CERN opens that request; put it in quotes to search the text for it.
        </p>
      </div>

      <form
        method="get"
        action="/tickets/search"
        aria-label="Filter search results"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      >
        <input type="hidden" name="q" value={q} />
        <div className="w-44">
          <SelectField label="Status" name="status" id="search-status" defaultValue={params.status ?? ''}>
            <option value="">Any status</option>
            {ALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="w-44">
          <SelectField label="Team" name="team" id="search-team" defaultValue={params.team ?? ''}>
            <option value="">Any team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
      </form>

      {page?.correctedQuery ? (
        <p role="status" className="mb-4 text-sm text-slate-700">
          No tickets match “{q}”. Showing results for <strong>{page.correctedQuery}</strong>.{' '}
          <Link
            href={searchHref({ q: `"${q}"`, status: params.status, team: params.team })}
            className="font-medium text-brand-700 underline"
          >
            Search for “{q}” exactly
          </Link>
        </p>
      ) : null}

      {!checked.success ? (
        <p
          role={q ? 'alert' : undefined}
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600"
        >
          {q
            ? checked.error.issues[0]?.message
            : 'Type a request number, a CERN, words from a subject or message, or a customer’s name, e-mail or phone in the search box above.'}
        </p>
      ) : page && page.rows.length > 0 ? (
        <ol
          aria-label="Search results"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          {page.rows.map((row) => (
            <Result key={row.id} row={row} />
          ))}
        </ol>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No tickets match “{q}”{filtered ? ' with these filters' : ''}. Try fewer or different words.
        </p>
      )}

      <div className="mt-4 flex gap-3">
        {params.after ? (
          <Link
            href={searchHref({ q, status: params.status, team: params.team })}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300"
          >
            First page
          </Link>
        ) : null}
        {page?.next ? (
          <Link
            href={searchHref({ q, status: params.status, team: params.team, after: page.next })}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </StaffShell>
  );
}
