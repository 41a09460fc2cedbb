import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { ProblemRow } from '@/lib/problems/problems';

export function ProblemStatusBadge({ status }: { status: 'open' | 'resolved' }) {
  return <Badge tone={status === 'open' ? 'amber' : 'green'}>{status === 'open' ? 'Open' : 'Resolved'}</Badge>;
}

/** The problems, open first: CERN, title, owner, linked and still-open requests. */
export function ProblemList({ problems }: { problems: ProblemRow[] }) {
  if (problems.length === 0)
    return (
      <p className="text-sm text-slate-600">No problem yet. Group recurring requests under one from the list above.</p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Problems</caption>
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Problem
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3">
              Owner
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Requests
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Still open
            </th>
            <th scope="col" className="py-2">
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {problems.map((p) => (
            <tr key={p.id}>
              <td className="py-2 pr-3">
                <Link href={`/problems/${p.id}`} className="text-brand-700 underline">
                  <span className="font-mono text-xs">{p.cern}</span> <span className="break-words">{p.title}</span>
                </Link>
              </td>
              <td className="py-2 pr-3">
                <ProblemStatusBadge status={p.status} />
              </td>
              <td className="py-2 pr-3">{p.ownerName}</td>
              <td className="py-2 pr-3 text-right">{p.linked}</td>
              <td className="py-2 pr-3 text-right">{p.open}</td>
              <td className="py-2">
                <LocalTime value={p.createdAt} dateOnly />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
