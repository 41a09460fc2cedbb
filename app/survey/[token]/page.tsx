import type { Metadata } from 'next';
import { getActor } from '@/app/_auth/session';
import { PortalShell } from '@/components/layout/portal-shell';
import { SurveyForm } from '@/components/portal/survey-form';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { openSurveyLink, type SurveyLinkView } from '@/lib/surveys/open-survey-link';
import { answerSurveyLinkAction } from './actions';

// The link's secret is in the path: no page it leads to needs to see it.
export const metadata: Metadata = { title: 'How did we do?', referrer: 'no-referrer' };

/** Why a survey link shows no form, in the customer's words. */
function closedText(view: Exclude<SurveyLinkView, { state: 'open' }>): { title: string; message: string } {
  switch (view.state) {
    case 'answered':
      return {
        title: 'Already answered — thank you',
        message: `The survey of request #${view.number} has already been answered, so nothing more was saved. Thank you for your feedback!`,
      };
    case 'reopened':
      return {
        title: 'We are working on it again',
        message: `Request #${view.number} has been reopened. You can tell us how we did once it is resolved again.`,
      };
    case 'expired':
      return {
        title: 'This survey link has expired',
        message: 'Survey links work for 30 days, and nothing was saved. To tell us anything, reply to our e-mail.',
      };
    case 'invalid':
      return {
        title: 'This survey link does not work',
        message:
          'The link may have been copied incompletely, and nothing was saved. Please open it from the e-mail again.',
      };
  }
}

/** The mailed survey, signed out or in: opening it changes nothing; the form answers it once. */
export default async function SurveyLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [actor, view] = await Promise.all([getActor(), openSurveyLink(getDb(), token)]);
  if (view.state !== 'open') {
    const { title, message } = closedText(view);
    return (
      <PortalShell actor={actor}>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-slate-700">{message}</p>
      </PortalShell>
    );
  }
  return (
    <PortalShell actor={actor}>
      <h1 className="text-2xl font-semibold text-slate-900">How did we do?</h1>
      <p className="mt-1 mb-6 text-sm break-words text-slate-600">
        Request #{view.number}: {view.subject}
      </p>
      <Card title="Your answer">
        <SurveyForm surveyAction={answerSurveyLinkAction} hidden={{ token }} ask={view.questions} />
      </Card>
    </PortalShell>
  );
}
