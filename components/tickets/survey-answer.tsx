import type { Survey } from '@/db/schema';

/** An answered survey as the agent reads it: "not fixed" first, the scores asked, the comment. */
export function SurveyAnswer({ survey }: { survey: Pick<Survey, 'csat' | 'nps' | 'fixed' | 'comment'> }) {
  const parts = [
    survey.fixed === false ? 'Not fixed' : survey.fixed === true ? 'Fixed' : null,
    survey.csat !== null ? `CSAT ${survey.csat}/5` : null,
    survey.nps !== null ? `NPS ${survey.nps}/10` : null,
  ].filter(Boolean);
  return (
    <>
      <span className={survey.fixed === false ? 'font-medium text-red-700' : undefined}>
        {parts.join(' · ') || 'Answered'}
      </span>
      {survey.comment ? (
        <span className="mt-1 block text-sm break-words whitespace-pre-wrap text-slate-700">“{survey.comment}”</span>
      ) : null}
    </>
  );
}
