import type { ReactNode } from 'react';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';

/**
 * "Download CSV" of one chart or table (GET /api/v1/dashboard/export): the figures it shows,
 * under the page's period and filters. Its accessible name names the chart ("Download SLA
 * compliance per day as CSV"); the visible words stay short and inside that name.
 */
export function CsvLink({ link }: { link: CsvLinkData | undefined }) {
  if (!link) return null;
  return (
    <a
      href={link.href}
      download
      className="relative text-xs font-medium whitespace-nowrap text-slate-700 underline decoration-dotted underline-offset-2 hover:decoration-solid"
    >
      Download<span className="sr-only"> {link.title} as</span> CSV
    </a>
  );
}

/** A table's visible caption with its CSV link at the end of the line. */
export function CaptionWithCsv({ children, link }: { children: ReactNode; link: CsvLinkData | undefined }) {
  return (
    <span className="flex items-center justify-between gap-3">
      <span>{children}</span>
      <CsvLink link={link} />
    </span>
  );
}
