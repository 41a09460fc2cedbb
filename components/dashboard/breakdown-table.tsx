import { Card } from '@/components/ui/card';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { BreakdownLinks } from '@/lib/metrics/drill-down';
import type { BreakdownRow } from '@/lib/metrics/types';
import { CsvLink } from './csv-link';
import { FigureTable, type FigureColumn } from './figure-table';
import { formatCount, formatHours, formatPercent, formatQaScore } from './format';

const linked = (value: string, href: string | undefined, what: string) =>
  href ? (
    <a
      href={href}
      className="underline decoration-dotted underline-offset-2 hover:decoration-solid"
      aria-label={`${value} ${what}`}
    >
      {value}
    </a>
  ) : (
    value
  );

type Figure = keyof NonNullable<ReturnType<BreakdownLinks>>;

/** A figure column whose number lists its tickets (the row's drill-down link, named "<row>: <what>"). */
const column = (
  label: string,
  figure: Figure,
  what: string,
  show: (row: BreakdownRow) => string,
  links: BreakdownLinks | undefined,
  title?: (row: BreakdownRow) => string,
): FigureColumn<BreakdownRow> => ({
  label,
  title,
  cell: (row) => linked(show(row), links?.(row)?.[figure], `${row.name}: ${what}`),
});

/**
 * Period figures per team, category, agent or channel; the backlog column is as of now. Each
 * number lists its tickets. `qa` adds the agents' QA score (the per-agent table, leads and admins).
 */
export function BreakdownTable({
  title,
  nameLabel,
  rows,
  links,
  csv,
  qa = false,
}: {
  title: string;
  nameLabel: string;
  rows: BreakdownRow[];
  links?: BreakdownLinks;
  csv?: CsvLinkData;
  qa?: boolean;
}) {
  const columns: FigureColumn<BreakdownRow>[] = [
    column('Created', 'created', 'created', (r) => formatCount(r.created), links),
    column('Resolved', 'resolved', 'resolved', (r) => formatCount(r.resolved), links),
    column(
      'CSAT',
      'csat',
      'CSAT',
      (r) => formatPercent(r.csatShare),
      links,
      (r) => `${r.csatAnswered} answered`,
    ),
    column('FCR', 'fcr', 'FCR', (r) => formatPercent(r.fcrShare), links),
    column('AHT', 'aht', 'AHT', (r) => formatHours(r.ahtHours), links),
    column('Backlog', 'backlog', 'backlog', (r) => formatCount(r.backlog), links),
    ...(qa ? [{ label: 'QA score', cell: (r: BreakdownRow) => formatQaScore(r.qaScore ?? null) }] : []),
  ];
  return (
    <Card title={title} actions={<CsvLink link={csv} />}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No tickets in this period.</p>
      ) : (
        <FigureTable
          className="-m-4"
          label={`${title} table`}
          hideCaption
          caption={`${title}: tickets created and resolved in the period (merged duplicates left out of resolved, FCR and AHT), satisfaction, first-contact resolution, handling time and open backlog${qa ? ', and the mean quality review score (1 to 5) of the samples of the period’s weeks' : ''}`}
          nameLabel={nameLabel}
          rows={rows}
          columns={columns}
        />
      )}
    </Card>
  );
}
