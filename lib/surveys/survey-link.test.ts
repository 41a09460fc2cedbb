import { describe, expect, it } from 'vitest';
import { readSurveyLink, surveyLinkPath } from './survey-link';

const DAY = 86_400_000;

describe('survey links', () => {
  it('name the survey token, work for 30 days, and refuse any change', () => {
    const sent = new Date('2026-11-01T10:00:00Z');
    const path = surveyLinkPath('random-token-value', sent);
    expect(path).toMatch(/^\/survey\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const link = path.slice('/survey/'.length);
    expect(readSurveyLink(link, new Date(sent.getTime() + 29 * DAY))).toEqual({
      ok: true,
      surveyToken: 'random-token-value',
    });
    expect(readSurveyLink(link, new Date(sent.getTime() + 30 * DAY + 1000))).toEqual({ ok: false, reason: 'expired' });
    const [payload, signature] = link.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: 'survey', s: 'another-token', e: 4_000_000_000 })).toString(
      'base64url',
    );
    expect(readSurveyLink(`${forged}.${signature}`, sent)).toEqual({ ok: false, reason: 'tampered' });
    expect(readSurveyLink(`${payload}.`, sent)).toMatchObject({ ok: false });
    expect(readSurveyLink('random-token-value', sent)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
