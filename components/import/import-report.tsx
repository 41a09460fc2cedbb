import type { ImportReport } from '@/lib/import/report';
import { Card } from '@/components/ui/card';

/** A dry run's report: what would be created or skipped, and every problem where it is. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const rows: [string, number, number | null][] = [
    ['Organizations', report.organizations.create, report.organizations.skip],
    ['Customers', report.customers.create, report.customers.skip],
    ['Tickets', report.tickets.create, report.tickets.skip],
    ['Messages', report.messages.create, null],
  ];
  return (
    <Card title="Dry run report">
      <p className="mb-3 text-sm text-slate-700">
        {report.format.toUpperCase()} file, source <strong>{report.source}</strong>: {report.rows} rows read,{' '}
        {report.problemCount} with problems.
      </p>
      <table className="mb-4 text-sm">
        <caption className="sr-only">What the import would do</caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="pr-6 font-medium">
              Kind
            </th>
            <th scope="col" className="pr-6 font-medium">
              Would be created
            </th>
            <th scope="col" className="font-medium">
              Already here (skipped)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([kind, create, skip]) => (
            <tr key={kind}>
              <th scope="row" className="pr-6 text-left font-normal">
                {kind}
              </th>
              <td className="pr-6">{create}</td>
              <td>{skip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.length > 0 ? (
        <>
          <h3 className="mb-1 text-sm font-semibold text-slate-800">Problems (these rows are left out)</h3>
          <ul className="mb-4 space-y-1 text-sm" aria-label="Problems">
            {report.problems.map((p, i) => (
              <li key={i}>
                <span className="font-mono text-slate-600">{p.at}</span>:{' '}
                <span className="break-words">{p.message}</span>
              </li>
            ))}
          </ul>
          {report.problemCount > report.problems.length ? (
            <p className="mb-4 text-sm text-slate-600">…and {report.problemCount - report.problems.length} more.</p>
          ) : null}
        </>
      ) : (
        <p className="mb-4 text-sm text-emerald-800">No problems found.</p>
      )}
      {report.unknownAuthors.length > 0 ? (
        <p className="mb-4 text-sm text-slate-700">
          Messages by {report.unknownAuthors.join(', ')} (not staff or customers here) come in as agent messages without
          an author.
        </p>
      ) : null}
      {report.sample.length > 0 ? (
        <>
          <h3 className="mb-1 text-sm font-semibold text-slate-800">First tickets to be created</h3>
          <ul className="space-y-1 text-sm" aria-label="Tickets to be created">
            {report.sample.map((t) => (
              <li key={t.externalId}>
                <span className="font-mono">{t.externalId}</span> {t.subject} ({t.messages} messages)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
