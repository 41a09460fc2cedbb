import { CycleTimes } from '@/components/dashboard/cycle-times';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getLeadCycleTimes } from '@/lib/metrics/dashboard';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { DashboardFilters } from '@/lib/metrics/filters';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's cycle time per stage and bottleneck (streamed after the headline figures): one lib/ call, mapped. */
export async function CycleTimeSection(props: {
  actor: Actor;
  period: MetricsPeriod;
  filters: DashboardFilters;
  csv: { overall?: CsvLinkData; byTeam?: CsvLinkData; byCategory?: CsvLinkData };
}) {
  const figures = await getLeadCycleTimes(getReadDb('dashboard'), props.actor, props.period, props.filters);
  return <CycleTimes figures={figures} csv={props.csv} />;
}
