import { QaTrendsSection } from '@/components/qa/qa-trends';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getQaTrends } from '@/lib/metrics/qa';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's QA score trends (one line in page.tsx), for the page's period. */
export async function QaSection({ actor, period }: { actor: Actor; period: MetricsPeriod }) {
  return <QaTrendsSection trends={await getQaTrends(getReadDb('dashboard'), actor, period)} />;
}
