import { FollowUpSection } from '@/components/dashboard/follow-up-section';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getFollowUpMetrics } from '@/lib/metrics/follow-up';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's follow-up figures (one line in page.tsx), for the page's period. */
export async function FollowUpFigures({ actor, period }: { actor: Actor; period: MetricsPeriod }) {
  return <FollowUpSection metrics={await getFollowUpMetrics(getReadDb('dashboard'), actor, period)} />;
}
