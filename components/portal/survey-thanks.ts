import type { SurveyOutcome } from '@/lib/pipeline/answer-survey';

/** What the customer reads once the survey is stored (the portal's form and the link's page). */
export function surveyThanks(outcome: SurveyOutcome, followNumber: number): string {
  switch (outcome) {
    case 'reopened':
      return `Thank you. We are sorry it is not fixed: we have reopened request #${followNumber} and will look at it again.`;
    case 'follow_up':
      return `Thank you. We are sorry it is not fixed: we have opened follow-up request #${followNumber} and will look at it again.`;
    case 'closed':
      return 'Thank you for your feedback! Your request is closed.';
    case 'recorded':
      return 'Thank you for your feedback!';
  }
}
