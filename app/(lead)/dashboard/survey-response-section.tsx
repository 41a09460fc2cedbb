import { SurveyResponse } from '@/components/dashboard/survey-response';
import { getReadDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getLeadSurveyResponse } from '@/lib/metrics/survey-response';
import type { MetricsPeriod } from '@/lib/metrics/types';

/** The dashboard's survey response rate for the page's period (issue 13). */
export async function SurveyResponseSection({ actor, period }: { actor: Actor; period: MetricsPeriod }) {
  return <SurveyResponse figures={await getLeadSurveyResponse(getReadDb('dashboard'), actor, period)} />;
}
