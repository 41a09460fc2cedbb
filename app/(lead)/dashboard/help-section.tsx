import { HelpFigures } from '@/components/dashboard/help-figures';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getLeadHelpFigures } from '@/lib/metrics/help';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's help-centre section (issue 13), for the page's period: one lib/ call, mapped. */
export async function HelpSection({ actor, period }: { actor: Actor; period: MetricsPeriod }) {
  const result = await getLeadHelpFigures(getReadDb('dashboard'), actor, period);
  return result.ok ? <HelpFigures figures={result.data} /> : null;
}
