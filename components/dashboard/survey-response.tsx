import { Card } from '@/components/ui/card';
import type { SurveyResponseFigures } from '@/lib/metrics/survey-response';
import { formatCount, formatHours, formatPercent } from './format';

/** Surveys sent in the period and how many were answered, and how fast (the response rate). */
export function SurveyResponse({ figures }: { figures: SurveyResponseFigures }) {
  const { sent, response, medianHoursToAnswer, reminded, notFixed, skipped } = figures;
  const items: [string, string][] = [
    ['Surveys sent', formatCount(sent)],
    ['Answered', formatCount(response.count)],
    ['Response rate', formatPercent(response.share)],
    ['Median time to answer', formatHours(medianHoursToAnswer)],
  ];
  return (
    <Card title="Survey response">
      <p className="text-xs font-medium text-slate-600">
        Surveys sent in the period, and how many of those were answered (whenever)
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold tracking-tight text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">
        {sent > 0
          ? `${formatCount(reminded)} reminded · ${formatCount(notFixed)} answered “not fixed” (reopened) · `
          : 'No surveys sent in this period · '}
        {formatCount(skipped)} not sent (one survey per customer per period, or no e-mail address)
      </p>
    </Card>
  );
}
