import { expect, type Browser, type Page } from '@playwright/test';
import { personAs } from './helpers';
import { demoSurveyLink } from './survey-links';

/** Every page of the app, by who sees it: [name, path]. Built from the seeded demo data. */
export interface PageSet {
  customer: Page;
  agent: Page;
  lead: Page;
  admin: Page;
  pages: { who: 'anonymous' | 'customer' | 'agent' | 'lead' | 'admin'; name: string; path: string }[];
}

export async function everyPage(browser: Browser): Promise<PageSet> {
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal');
  const myRequest = await customer
    .getByRole('list', { name: 'My requests' })
    .getByRole('link')
    .first()
    .getAttribute('href');

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  const ticket = await agent
    .getByRole('table', { name: 'All open' })
    .getByRole('row')
    .nth(1)
    .getByRole('link')
    .first()
    .getAttribute('href');
  await agent.goto(ticket!);
  const profile = await agent.getByRole('region', { name: 'Details' }).getByRole('link').first().getAttribute('href');
  expect(profile).toMatch(/^\/customers\//);

  // The demo's request that came in by e-mail (lib/seed/inbound.ts) and its original.
  await agent.goto('/tickets/search?q=Lindqvist');
  await agent
    .getByRole('link', { name: /Invoice PDF will not open/ })
    .first()
    .click();
  const original = await agent
    .getByRole('region', { name: 'Description' })
    .getByRole('link', { name: 'Original e-mail' })
    .getAttribute('href');
  expect(original).toMatch(/^\/tickets\/emails\//);

  const lead = await personAs(browser, 'lead@demo.test');
  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/outbox');
  const mail = await admin.getByRole('list', { name: 'Mail' }).getByRole('link').first().getAttribute('href');
  // The demo's guest request (lib/seed/guest.ts): its acknowledgement carries the guest link.
  await admin.getByLabel('Address or subject').fill('Delivery went to my old address');
  await admin.getByRole('button', { name: 'Filter' }).click();
  await admin
    .getByRole('list', { name: 'Mail' })
    .getByRole('link', { name: /We received your request/ })
    .first()
    .click();
  const ackText = (await admin.getByRole('region', { name: 'Text part' }).textContent()) ?? '';
  const guestLink = ackText.match(/https?:\/\/\S+\/portal\/guest\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)?.[0];
  expect(guestLink).toBeTruthy();
  await admin.goto('/admin/people');
  const person = await admin
    .getByRole('table', { name: 'People' })
    .getByRole('link', { name: 'Alex Agent' })
    .getAttribute('href');
  expect(person).toMatch(/^\/admin\/people\//);
  await admin.goto('/admin/teams');
  const team = await admin.getByRole('list', { name: 'Teams' }).getByRole('link').first().getAttribute('href');
  // Webhooks (lib/seed/webhooks.ts): the active demo subscription and its delivery log.
  await admin.goto('/admin/webhooks');
  const webhook = await admin.getByRole('link', { name: 'CRM sync' }).getAttribute('href');
  // The demo's finished import from the old helpdesk (lib/seed/import.ts) and its report.
  await admin.goto('/admin/import');
  const importRun = await admin
    .getByRole('list', { name: 'Recent imports' })
    .getByRole('link', { name: /oldesk-export\.json/ })
    .first()
    .getAttribute('href');
  expect(importRun).toMatch(/^\/admin\/import\//);
  // The help centre (lib/seed/help.ts): a seeded article's staff page and its history.
  await agent.goto('/articles?q=reset+password');
  const article = await agent
    .getByRole('table', { name: 'Articles' })
    .getByRole('link', { name: 'Reset your password' })
    .getAttribute('href');
  expect(article).toMatch(/^\/articles\//);
  const surveyLink = await demoSurveyLink();
  // The demo's open problem (lib/seed/problems.ts).
  await lead.goto('/problems');
  const problem = await lead
    .getByRole('table', { name: 'Problems' })
    .getByRole('link', { name: /Apple Pay declined at checkout/ })
    .first()
    .getAttribute('href');
  // Quality review (lib/seed/qa.ts): a sampled request's review form.
  await lead.goto('/qa');
  const qaReview = await lead
    .getByRole('link', { name: /^(Edit review of|Review) #\d+$/ })
    .first()
    .getAttribute('href');
  return {
    customer,
    agent,
    lead,
    admin,
    pages: [
      { who: 'anonymous', name: 'sign in', path: '/signin' },
      { who: 'anonymous', name: 'sign up', path: '/signup' },
      { who: 'anonymous', name: 'forgot password', path: '/forgot' },
      { who: 'anonymous', name: 'reset link, bad', path: `/reset/${'x'.repeat(43)}` },
      { who: 'anonymous', name: 'verification link, bad', path: '/verify/not-a-real-link' },
      { who: 'anonymous', name: 'not found', path: '/no-such-page' },
      { who: 'customer', name: 'portal list', path: '/portal' },
      { who: 'customer', name: 'portal new request', path: '/portal/new' },
      { who: 'customer', name: 'portal request', path: myRequest! },
      { who: 'customer', name: 'account (customer)', path: '/account' },
      { who: 'agent', name: 'queue', path: '/tickets?view=open' },
      { who: 'agent', name: 'views', path: '/tickets/views' },
      { who: 'agent', name: 'search', path: '/tickets/search?q=refund' },
      { who: 'agent', name: 'ticket', path: ticket! },
      { who: 'agent', name: 'customer profile', path: profile! },
      { who: 'agent', name: 'log contact', path: '/contacts/new' },
      { who: 'agent', name: 'original e-mail', path: original! },
      { who: 'agent', name: 'account (staff)', path: '/account' },
      { who: 'agent', name: 'notifications', path: '/notifications' },
      { who: 'lead', name: 'dashboard', path: '/dashboard' },
      { who: 'admin', name: 'admin jobs', path: '/admin/jobs' },
      { who: 'admin', name: 'admin jobs (queued)', path: '/admin/jobs?view=queued' },
      { who: 'admin', name: 'admin outbox', path: '/admin/outbox' },
      { who: 'admin', name: 'admin outbox mail', path: mail! },
      { who: 'admin', name: 'admin webhooks', path: '/admin/webhooks' },
      { who: 'admin', name: 'admin webhook and its delivery log', path: webhook! },
      { who: 'admin', name: 'admin API tokens', path: '/admin/api-tokens' },
      { who: 'admin', name: 'admin import', path: '/admin/import' },
      { who: 'admin', name: 'admin import report', path: importRun! },
      { who: 'anonymous', name: 'API reference', path: '/api/docs' },
      { who: 'lead', name: 'people (lead, read-only)', path: '/admin/people' },
      { who: 'admin', name: 'people', path: '/admin/people' },
      { who: 'admin', name: 'person', path: person! },
      { who: 'admin', name: 'audit log', path: '/admin/audit' },
      { who: 'anonymous', name: 'invitation link that no longer works', path: '/invite/not-a-working-link' },
      { who: 'agent', name: 'personal macros', path: '/macros' },
      { who: 'lead', name: 'teams (lead)', path: '/admin/teams' },
      { who: 'lead', name: 'categories (lead)', path: '/admin/categories' },
      { who: 'admin', name: 'admin teams', path: '/admin/teams' },
      { who: 'admin', name: 'admin team', path: team! },
      { who: 'admin', name: 'admin categories', path: '/admin/categories' },
      { who: 'admin', name: 'admin settings', path: '/admin/settings' },
      { who: 'admin', name: 'admin macros', path: '/admin/macros' },
      { who: 'admin', name: 'admin SLA policies', path: '/admin/sla' },
      { who: 'admin', name: 'admin business calendars', path: '/admin/calendars' },
      { who: 'anonymous', name: 'help centre', path: '/help' },
      { who: 'anonymous', name: 'help centre search', path: '/help?q=refund' },
      { who: 'anonymous', name: 'help article', path: '/help/reset-your-password' },
      { who: 'customer', name: 'help article (customer)', path: '/help/when-will-my-refund-arrive' },
      { who: 'lead', name: 'quality review', path: '/qa' },
      { who: 'lead', name: 'quality review form', path: qaReview! },
      { who: 'agent', name: 'my quality reviews', path: '/qa/mine' },
      { who: 'admin', name: 'admin quality review', path: '/admin/qa' },
      { who: 'agent', name: 'articles', path: '/articles' },
      { who: 'agent', name: 'new article', path: '/articles/new' },
      { who: 'agent', name: 'article', path: article! },
      { who: 'agent', name: 'article history', path: `${article!}/history?version=1` },
      { who: 'agent', name: 'internal procedure', path: '/help/sop-issuing-a-refund' },
      { who: 'anonymous', name: 'survey link, bad', path: '/survey/not-a-real-link' },
      ...(surveyLink ? [{ who: 'anonymous' as const, name: 'survey link', path: surveyLink }] : []),
      { who: 'anonymous', name: 'guest request form', path: '/portal/new' },
      { who: 'anonymous', name: 'embeddable request form', path: '/portal/embed' },
      { who: 'anonymous', name: 'guest request (link)', path: new URL(guestLink!).pathname },
      { who: 'anonymous', name: 'guest link that no longer works', path: '/portal/guest/not-a-working-link' },
      { who: 'anonymous', name: 'fresh guest links', path: '/portal/guest' },
      { who: 'lead', name: 'follow-ups (detractors)', path: '/follow-ups' },
      { who: 'agent', name: 'follow-ups (calls)', path: '/follow-ups?queue=call' },
      { who: 'admin', name: 'admin root causes', path: '/admin/root-causes' },
      { who: 'admin', name: 'admin routing rules', path: '/admin/rules' },
      { who: 'agent', name: 'known problems', path: '/announcements' },
      { who: 'lead', name: 'problems and recurring issues', path: '/problems' },
      { who: 'agent', name: 'problems (agent)', path: '/problems' },
      { who: 'lead', name: 'problem', path: problem! },
    ],
  };
}
