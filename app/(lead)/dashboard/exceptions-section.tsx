import { ExceptionFigures } from '@/components/dashboard/exception-figures';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getLeadExceptionFigures } from '@/lib/metrics/dashboard';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { DashboardFilters } from '@/lib/metrics/filters';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's exceptions section (streamed after the headline figures): one lib/ call, mapped. */
export async function ExceptionsSection(props: {
  actor: Actor;
  period: MetricsPeriod;
  filters: DashboardFilters;
  csv: { byTeam?: CsvLinkData; byCategory?: CsvLinkData };
}) {
  const figures = await getLeadExceptionFigures(getReadDb('dashboard'), props.actor, props.period, props.filters);
  return <ExceptionFigures figures={figures} csv={props.csv} />;
}
